import * as assert from "assert";
import { grafanaAdminSecretByReference } from "../../policies/grafana-admin-secret-by-reference";
import { grafanaDeployment, withField } from "../fixtures/policies/objects";
import { checkResource, PolicyObject } from "./harness";

const GRAFANA_ENV = "props.spec.template.spec.containers.1.env";

/** What the grafana chart renders when admin.existingSecret is unset. */
function chartAdminSecret(): PolicyObject {
    return {
        type: "kubernetes:core/v1:Secret",
        name: "kps:monitoring/grafana",
        props: {
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: "grafana", labels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/component": "admin-secret" } },
            data: { "admin-user": "YWRtaW4=", "admin-password": "cHJvbS1vcGVyYXRvcg==" },
        },
    };
}

describe("policy grafana-admin-secret-by-reference", () => {
    it("passes Grafana wired to the program's admin Secret through secretKeyRef", async () => {
        assert.deepStrictEqual(await checkResource(grafanaAdminSecretByReference, grafanaDeployment()), []);
    });

    it("rejects the chart's own admin Secret rendered from values", async () => {
        const [message] = await checkResource(grafanaAdminSecretByReference, chartAdminSecret());
        assert.match(message, /Secret grafana is the grafana chart's admin Secret, rendered from Helm values; .*grafana\.admin\.existingSecret/);
    });

    it("rejects a grafana container whose admin password is a literal", async () => {
        const grafana = withField(grafanaDeployment(), `${GRAFANA_ENV}.1`, { name: "GF_SECURITY_ADMIN_PASSWORD", value: "admin" });
        assert.match((await checkResource(grafanaAdminSecretByReference, grafana))[0], /containers\[grafana\] does not take GF_SECURITY_ADMIN_PASSWORD from a Secret/);
    });

    it("rejects a grafana container with no admin password at all (Grafana's default admin/admin)", async () => {
        const grafana = withField(grafanaDeployment(), GRAFANA_ENV, []);
        assert.strictEqual((await checkResource(grafanaAdminSecretByReference, grafana)).length, 1);
    });

    it("accepts the password from a mounted file", async () => {
        const grafana = withField(grafanaDeployment(), GRAFANA_ENV, [{ name: "GF_SECURITY_ADMIN_PASSWORD__FILE", value: "/etc/secrets/admin-password" }]);
        assert.deepStrictEqual(await checkResource(grafanaAdminSecretByReference, grafana), []);
    });

    it("accepts Grafana with initial admin creation disabled (SSO-only), where the chart renders no password", async () => {
        const grafana = withField(grafanaDeployment(), GRAFANA_ENV, [{ name: "GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION", value: "true" }]);
        assert.deepStrictEqual(await checkResource(grafanaAdminSecretByReference, grafana), []);
        const notDisabled = withField(grafanaDeployment(), GRAFANA_ENV, [{ name: "GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION", value: "false" }]);
        assert.strictEqual((await checkResource(grafanaAdminSecretByReference, notDisabled)).length, 1);
    });

    it("rejects an admin password from a ConfigMap reference rather than a Secret", async () => {
        const grafana = withField(grafanaDeployment(), `${GRAFANA_ENV}.1`, { name: "GF_SECURITY_ADMIN_PASSWORD", valueFrom: { configMapKeyRef: { name: "grafana", key: "pw" } } });
        assert.match((await checkResource(grafanaAdminSecretByReference, grafana))[0], /does not take GF_SECURITY_ADMIN_PASSWORD from a Secret/);
    });

    it("accepts the password from a whole Secret through envFrom, unless env overrides it with a literal", async () => {
        const fromSecret = withField(withField(grafanaDeployment(), GRAFANA_ENV, []), "props.spec.template.spec.containers.1.envFrom", [{ secretRef: { name: "grafana-env" } }]);
        assert.deepStrictEqual(await checkResource(grafanaAdminSecretByReference, fromSecret), []);
        const overridden = withField(fromSecret, GRAFANA_ENV, [{ name: "GF_SECURITY_ADMIN_PASSWORD", value: "admin" }]);
        assert.strictEqual((await checkResource(grafanaAdminSecretByReference, overridden)).length, 1);
    });

    it("ignores Secrets of other components", async () => {
        const other = withField(chartAdminSecret(), "props.metadata.labels", { "app.kubernetes.io/name": "loki" });
        assert.deepStrictEqual(await checkResource(grafanaAdminSecretByReference, other), []);
    });
});
