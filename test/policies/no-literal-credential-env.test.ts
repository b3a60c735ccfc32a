import * as assert from "assert";
import { noLiteralCredentialEnv } from "../../policies/no-literal-credential-env";
import { alertmanager, grafanaDeployment, lokiStatefulSet, nodeExporterDaemonSet, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

const GRAFANA_ENV = "props.spec.template.spec.containers.1.env";

describe("policy no-literal-credential-env", () => {
    it("passes workloads whose credentials come from secretKeyRef and whose literals are not credentials", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), nodeExporterDaemonSet(), alertmanager()]) {
            assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, object), [], object.name);
        }
    });

    it("rejects GF_SECURITY_ADMIN_PASSWORD as a literal", async () => {
        const grafana = withField(grafanaDeployment(), `${GRAFANA_ENV}.1`, { name: "GF_SECURITY_ADMIN_PASSWORD", value: "prom-operator" });
        const [message] = await checkResource(noLiteralCredentialEnv, grafana);
        assert.match(message, /grafana containers\[grafana\] sets env GF_SECURITY_ADMIN_PASSWORD to a literal value/);
        assert.match(message, /valueFrom\.secretKeyRef/);
    });

    it("rejects a token in an init container", async () => {
        const loki = withField(lokiStatefulSet(), "props.spec.template.spec.initContainers", [
            { name: "fetch", image: "busybox:1.37", env: [{ name: "S3_ACCESS_TOKEN", value: "abc123" }] },
        ]);
        assert.match((await checkResource(noLiteralCredentialEnv, loki))[0], /initContainers\[fetch\] sets env S3_ACCESS_TOKEN/);
    });

    it("rejects a literal webhook URL patched into the Alertmanager pods", async () => {
        const am = withField(alertmanager(), "props.spec.containers", [{ name: "alertmanager", env: [{ name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/T0/B0/x" }] }]);
        assert.match((await checkResource(noLiteralCredentialEnv, am))[0], /containers\[alertmanager\] sets env SLACK_WEBHOOK_URL/);
    });

    it("accepts *_FILE variables, empty values and configured exemptions", async () => {
        const env = [
            { name: "GF_SECURITY_ADMIN_PASSWORD__FILE", value: "/etc/secrets/admin-password" },
            { name: "API_TOKEN", value: "" },
            { name: "TOKEN_AUDIENCE_SECRET", value: "not-a-secret" },
        ];
        const grafana = withField(grafanaDeployment(), GRAFANA_ENV, env);
        assert.strictEqual((await checkResource(noLiteralCredentialEnv, grafana)).length, 1);
        assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, grafana, { allowedNames: ["TOKEN_AUDIENCE_SECRET"] }), []);
    });
});
