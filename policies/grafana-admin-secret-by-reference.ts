/** Grafana's admin password comes from a Secret the program owns, never from chart values. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isObject, Json, objectName, podLabelsOf, TYPES } from "./lib/k8s";
import { workloadContainers } from "./lib/workloads";

const PASSWORD_ENV = "GF_SECURITY_ADMIN_PASSWORD";
const NO_ADMIN_ENV = "GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION";

export const grafanaAdminSecretByReference: ResourceValidationPolicy = {
    name: "grafana-admin-secret-by-reference",
    description: "Grafana reads its admin password from an existing Secret: the chart renders no admin Secret from values and the grafana container takes the password from a secretKeyRef or file.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const name = objectName(args.props, args.name);
        const labels: Json = isObject(args.props.metadata?.labels) ? args.props.metadata.labels : {};
        // The grafana chart renders this Secret only when admin.existingSecret is unset, from
        // adminPassword in the values (or a password it generates anew on every render).
        if (args.type === TYPES.secret && labels["app.kubernetes.io/name"] === "grafana" && labels["app.kubernetes.io/component"] === "admin-secret") {
            reportViolation(
                `Secret ${name} is the grafana chart's admin Secret, rendered from Helm values; ` +
                    "create the credentials outside the chart and set grafana.admin.existingSecret (with userKey and passwordKey).",
            );
            return;
        }
        if (podLabelsOf(args.type, args.props)["app.kubernetes.io/name"] !== "grafana") {
            return;
        }
        const grafana = workloadContainers(args.type, args.props).find((c) => c.container.name === "grafana");
        if (grafana === undefined) {
            return;
        }
        const env: Json[] = Array.isArray(grafana.container.env) ? grafana.container.env.filter(isObject) : [];
        const byRef = env.some((e) => e.name === PASSWORD_ENV && isObject(e.valueFrom?.secretKeyRef));
        const byFile = env.some((e) => e.name === `${PASSWORD_ENV}__FILE` && typeof e.value === "string" && e.value !== "");
        // envFrom a whole Secret (the chart's envFromSecret, or a hand-written Deployment) may carry
        // the password; a variable of the same name in env would override it, so it must be absent.
        const envFrom: Json[] = Array.isArray(grafana.container.envFrom) ? grafana.container.envFrom.filter(isObject) : [];
        const bySecretEnv = envFrom.some((e) => isObject(e.secretRef)) && !env.some((e) => e.name === PASSWORD_ENV);
        // With initial admin creation disabled (SSO/LDAP-only installs) there is no admin password
        // at all, and the grafana chart then leaves GF_SECURITY_ADMIN_PASSWORD out.
        const noAdmin = env.some((e) => e.name === NO_ADMIN_ENV && /^true$/i.test(String(e.value ?? "").trim()));
        if (!byRef && !byFile && !bySecretEnv && !noAdmin) {
            reportViolation(
                `${name} ${grafana.where} does not take ${PASSWORD_ENV} from a Secret, so the admin password is a literal or Grafana's default; ` +
                    "set grafana.admin.existingSecret so the chart wires it through valueFrom.secretKeyRef.",
            );
        }
    },
};
