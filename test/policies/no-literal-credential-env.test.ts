import * as assert from "assert";
import { noLiteralCredentialEnv } from "../../policies/no-literal-credential-env";
import { alertmanager, backupCronJob, grafanaDeployment, lokiStatefulSet, nodeExporterDaemonSet, prometheusWithThanos, thanosCompactStatefulSet, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

const GRAFANA_ENV = "props.spec.template.spec.containers.1.env";

describe("policy no-literal-credential-env", () => {
    it("passes workloads whose credentials come from secretKeyRef and whose literals are not credentials", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), nodeExporterDaemonSet(), alertmanager(), backupCronJob()]) {
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

    it("rejects a literal token in a CronJob's pod template (spec.jobTemplate.spec.template)", async () => {
        const job = withField(backupCronJob(), "props.spec.jobTemplate.spec.template.spec.containers.0.env.1", { name: "RCLONE_S3_SECRET_ACCESS_KEY", value: "wJalrXUtnFEMI" });
        assert.match((await checkResource(noLiteralCredentialEnv, job))[0], /backup-prometheus containers\[backup\] sets env RCLONE_S3_SECRET_ACCESS_KEY to a literal value/);
    });

    it("rejects *_TOKEN, *_API_KEY and *PASSWORD literals but takes valueFrom for each", async () => {
        for (const varName of ["GITHUB_TOKEN", "SLACK_API_KEY", "MYSQL_ROOT_PASSWORD", "OAUTH_CLIENT_SECRET"]) {
            const literal = withField(grafanaDeployment(), `${GRAFANA_ENV}.2`, { name: varName, value: "abc123" });
            assert.match((await checkResource(noLiteralCredentialEnv, literal))[0], new RegExp(`sets env ${varName} to a literal value`), varName);
            const byRef = withField(grafanaDeployment(), `${GRAFANA_ENV}.2`, { name: varName, valueFrom: { secretKeyRef: { name: "s", key: "k" } } });
            assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, byRef), [], varName);
        }
    });

    it("rejects a connection URL with a literal password, whatever the variable's name", async () => {
        const grafana = withField(grafanaDeployment(), `${GRAFANA_ENV}.2`, { name: "GF_DATABASE_URL", value: "postgres://grafana:hunter2@db.monitoring:5432/grafana" });
        assert.match((await checkResource(noLiteralCredentialEnv, grafana))[0], /sets env GF_DATABASE_URL to a URL with a literal password/);
        const userOnly = withField(grafanaDeployment(), `${GRAFANA_ENV}.2`, { name: "GF_DATABASE_URL", value: "postgres://grafana@db.monitoring:5432/grafana" });
        assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, userOnly), []);
    });

    it("accepts Kubernetes $(VAR) expansion of another variable and boolean switches", async () => {
        const env = [
            { name: "DB_PASSWORD_RAW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
            { name: "GF_DATABASE_PASSWORD", value: "$(DB_PASSWORD_RAW)" },
            { name: "MOUNT_SERVICE_ACCOUNT_TOKEN", value: "false" },
        ];
        assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, withField(grafanaDeployment(), GRAFANA_ENV, env)), []);
    });

    it("checks ephemeral debug containers too", async () => {
        const grafana = withField(grafanaDeployment(), "props.spec.template.spec.ephemeralContainers", [{ name: "debug", image: "busybox:1.37", env: [{ name: "API_TOKEN", value: "abc" }] }]);
        assert.match((await checkResource(noLiteralCredentialEnv, grafana))[0], /ephemeralContainers\[debug\] sets env API_TOKEN/);
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
    it("passes the Thanos compactor and sidecar, which take the object-store key pair by secretKeyRef", async () => {
        assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, thanosCompactStatefulSet()), []);
        assert.deepStrictEqual(await checkResource(noLiteralCredentialEnv, prometheusWithThanos()), []);
    });

    it("rejects literal AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY on the compactor and the sidecar patch", async () => {
        const literal = [{ name: "AWS_ACCESS_KEY_ID", value: "AKIA0000" }, { name: "AWS_SECRET_ACCESS_KEY", value: "abc/def" }];
        const compact = await checkResource(noLiteralCredentialEnv, withField(thanosCompactStatefulSet(), "props.spec.template.spec.containers.0.env", literal));
        assert.deepStrictEqual(compact.map((m) => m.split(",")[0]), [
            "thanos-compact containers[thanos-compact] sets env AWS_ACCESS_KEY_ID to a literal value",
            "thanos-compact containers[thanos-compact] sets env AWS_SECRET_ACCESS_KEY to a literal value",
        ]);
        const sidecar = await checkResource(noLiteralCredentialEnv, withField(prometheusWithThanos(), "props.spec.containers.0.env", literal));
        assert.match(sidecar[0], /^kps-prometheus containers\[thanos-sidecar\] sets env AWS_ACCESS_KEY_ID to a literal value/);
    });
});
