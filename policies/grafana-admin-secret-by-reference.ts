/** Grafana's admin password comes from a Secret the program owns, never from chart values. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isObject, Json, labelsOf, objectName, POD_WORKLOADS, podLabelsOf, TYPES } from "./lib/k8s";
import { known, UNKNOWN, unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";
import { workloadContainers } from "./lib/workloads";

const PASSWORD_ENV = "GF_SECURITY_ADMIN_PASSWORD";
const NO_ADMIN_ENV = "GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION";

export const grafanaAdminSecretByReference: ResourceValidationPolicy = {
    name: "grafana-admin-secret-by-reference",
    description: "Grafana reads its admin password from an existing Secret: the chart renders no admin Secret from values and the grafana container takes the password from a secretKeyRef or file.",
    enforcementLevel: "mandatory",
    validateResource: checkingUnknowns((args, reportViolation) => {
        const name = objectName(args.props, args.name);
        // The grafana chart renders this Secret only when admin.existingSecret is unset, from
        // adminPassword in the values (or a password it generates anew on every render). Told
        // by its labels alone: no Secret's data is read.
        const labels = labelsOf(args.props);
        if (args.type === TYPES.secret && labels["app.kubernetes.io/name"] === "grafana" && labels["app.kubernetes.io/component"] === "admin-secret") {
            reportViolation(
                `Secret ${name} is the grafana chart's admin Secret, rendered from Helm values; ` +
                    "create the credentials outside the chart and set grafana.admin.existingSecret (with userKey and passwordKey).",
            );
            return;
        }
        if (!POD_WORKLOADS.includes(args.type) || podLabelsOf(args.type, args.props)["app.kubernetes.io/name"] !== "grafana") {
            return;
        }
        const containers = workloadContainers(args.type, args.props);
        const grafana = containers.find((c) => c.name === "grafana");
        if (grafana === undefined || grafana.container === UNKNOWN) {
            // A container whose entry or name a preview does not know may be the grafana one.
            const unseen = containers.find((c) => c.container === UNKNOWN || (c.name === undefined && "unknown" in known(() => (c.container as Json).name)));
            if (unseen !== undefined) {
                reportViolation(unknownMessage(name, unseen.where));
            }
            return;
        }
        const source = passwordSource(grafana.container);
        if (source === "secret") {
            return;
        }
        reportViolation(source === "none"
            ? `${name} ${grafana.where} does not take ${PASSWORD_ENV} from a Secret, so the admin password is a literal or Grafana's default; ` +
                "set grafana.admin.existingSecret so the chart wires it through valueFrom.secretKeyRef."
            : unknownMessage(name, source.unknown));
    }),
};

/**
 * Where the grafana container's admin password comes from, decided from the known parts of its
 * env: "secret" (a secretKeyRef, a __FILE path, a whole Secret through envFrom, or no admin at
 * all), "none", or the first value a preview does not know that keeps it from telling.
 */
function passwordSource(container: Json): "secret" | "none" | { unknown: string } {
    const unseen: string[] = [];
    const read = (get: () => unknown): unknown => {
        const r = known(get);
        if ("unknown" in r) {
            unseen.push(r.unknown);
            return UNKNOWN;
        }
        return r.value;
    };
    const items = (list: unknown): Json[] => {
        const out: Json[] = [];
        for (let i = 0; Array.isArray(list) && i < list.length; i++) {
            const item = read(() => list[i]);
            if (isObject(item)) {
                out.push(item);
            }
        }
        return out;
    };
    const env = items(read(() => container.env));
    const envFrom = items(read(() => container.envFrom));
    const names = env.map((e) => read(() => e.name));
    const named = (wanted: string) => env.filter((_, i) => names[i] === wanted);
    // Every variable's name is known (unseen is still empty) before "no variable overrides it" holds.
    const envComplete = unseen.length === 0;
    const byRef = named(PASSWORD_ENV).some((e) => isObject(read(() => e.valueFrom?.secretKeyRef)));
    // A file path computed from another resource's output is still a path, not the password.
    const byFile = named(`${PASSWORD_ENV}__FILE`).some((e) => {
        const value = read(() => e.value);
        return value === UNKNOWN || (typeof value === "string" && value !== "");
    });
    // envFrom a whole Secret (the chart's envFromSecret, or a hand-written Deployment) may carry
    // the password; a variable of the same name in env would override it, so it must be absent.
    const bySecretEnv = envComplete && envFrom.some((e) => isObject(read(() => e.secretRef))) && named(PASSWORD_ENV).length === 0;
    // With initial admin creation disabled (SSO/LDAP-only installs) there is no admin password
    // at all, and the grafana chart then leaves GF_SECURITY_ADMIN_PASSWORD out.
    const noAdmin = named(NO_ADMIN_ENV).some((e) => {
        const value = read(() => e.value);
        return value !== UNKNOWN && /^true$/i.test(String(value ?? "").trim());
    });
    if (byRef || byFile || bySecretEnv || noAdmin) {
        return "secret";
    }
    return unseen.length > 0 ? { unknown: unseen[0] } : "none";
}
