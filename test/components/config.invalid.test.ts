import * as assert from "assert";
import { ConfigError } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { evaluateProgram, rejectedProblem, SecretConfig } from "../helpers/program";

interface InvalidCase {
    why: string;
    stack?: "dev" | "prod";
    overrides: ConfigTree;
    secrets?: SecretConfig;
    /** The config key the message must name. */
    key: string;
    /** A fragment of the expected form. */
    expects: RegExp;
}

const receiver = (extra: ConfigTree) => ({ email: [], webhooks: [], ...extra });

const CASES: InvalidCase[] = [
    { why: "an unknown top-level key", overrides: { promethues: { replicas: 2 } }, key: "observability:promethues", expects: /unknown key/ },
    { why: "an unknown nested key", overrides: { prometheus: { retension: "7d" } }, key: "observability:prometheus.retension", expects: /unknown key/ },
    { why: "an environment that has no preset", overrides: { environment: "staging" }, key: "observability:environment", expects: /dev, prod/ },
    { why: "a render Kubernetes version without renderYamlTo", overrides: { kubernetes: { renderKubeVersion: "1.34.0" } }, key: "observability:kubernetes.renderKubeVersion", expects: /only with renderYamlTo/ },
    { why: "a render Kubernetes version that is not x.y.z", overrides: { kubernetes: { renderYamlTo: "out", renderKubeVersion: "1.34" } }, key: "observability:kubernetes.renderKubeVersion", expects: /such as 1.34.0/ },
    { why: "rendering and a kubeconfig context at once", overrides: { kubernetes: { renderYamlTo: "out", context: "prod" } }, key: "observability:kubernetes.context", expects: /no cluster access with renderYamlTo/ },
    { why: "a namespace that is not a DNS label", overrides: { namespace: "Monitoring_NS" }, key: "observability:namespace", expects: /DNS label/ },
    { why: "a cluster name with spaces", overrides: { cluster: { name: "my cluster" } }, key: "observability:cluster.name", expects: /DNS label/ },
    { why: "cert-manager without an issuer", overrides: { cluster: { certManager: { enabled: true } } }, key: "observability:cluster.certManager.issuer", expects: /issuer/ },
    { why: "a retention in words", overrides: { prometheus: { retention: "30 days" } }, key: "observability:prometheus.retention", expects: /Prometheus duration such as 30d/ },
    { why: "a bare-number retention", overrides: { alertmanager: { retention: "120" } }, key: "observability:alertmanager.retention", expects: /Prometheus duration/ },
    { why: "a retentionSize in Kubernetes units", overrides: { prometheus: { retentionSize: "100Gi" } }, key: "observability:prometheus.retentionSize", expects: /Prometheus size such as 170GB/ },
    { why: "a volume size without a unit that parses", overrides: { prometheus: { volumeSize: "lots" } }, key: "observability:prometheus.volumeSize", expects: /quantity such as 100Gi/ },
    { why: "zero Prometheus replicas", overrides: { prometheus: { replicas: 0 } }, key: "observability:prometheus.replicas", expects: /at least 1/ },
    { why: "fractional replicas", overrides: { alertmanager: { replicas: 1.5 } }, key: "observability:alertmanager.replicas", expects: /whole number/ },
    { why: "replicas as a string", overrides: { prometheus: { replicas: "two" } }, key: "observability:prometheus.replicas", expects: /expected a number/ },
    { why: "a CPU request in cores with a unit", overrides: { prometheus: { resources: { requests: { cpu: "1core", memory: "1Gi" }, limits: { memory: "2Gi" } } } }, key: "observability:prometheus.resources.requests.cpu", expects: /CPU quantity/ },
    { why: "a memory limit that is not a quantity", overrides: { loki: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1 GB" } } } }, key: "observability:loki.resources.limits.memory", expects: /quantity/ },
    { why: "an external label with a dash", overrides: { prometheus: { externalLabels: { "data-center": "a" } } }, key: "observability:prometheus.externalLabels.data-center", expects: /label name/ },
    { why: "an SMTP smarthost without a port", overrides: { alerting: { smtp: { smarthost: "smtp.example.com" } } }, key: "observability:alerting.smtp.smarthost", expects: /host:port/ },
    { why: "an SMTP port out of range", overrides: { alerting: { smtp: { smarthost: "smtp.example.com:70000" } } }, key: "observability:alerting.smtp.smarthost", expects: /port between 1 and 65535/ },
    { why: "an SMTP sender that is not an address", overrides: { alerting: { smtp: { from: "alertmanager" } } }, key: "observability:alerting.smtp.from", expects: /e-mail address/ },
    { why: "a missing SMTP user", overrides: { alerting: { smtp: { username: undefined } } }, key: "observability:alerting.smtp.username", expects: /required/ },
    { why: "a receiver e-mail that is not an address", overrides: { alerting: { receivers: { default: receiver({ email: ["ops at example.com"] }) } } }, key: "observability:alerting.receivers.default.email.0", expects: /e-mail address/ },
    { why: "a receiver with no target", overrides: { alerting: { receivers: { security: { email: [] } } } }, key: "observability:alerting.receivers.security", expects: /at least one/ },
    { why: "a receiver naming an undefined webhook", overrides: { alerting: { receivers: { onCall: receiver({ webhooks: ["pager"] }) } } }, key: "observability:alerting.receivers.onCall.webhooks.0", expects: /alerting\.webhooks/ },
    { why: "a dead-man's switch naming an undefined webhook", overrides: { alerting: { deadMansSwitch: { webhook: "heartbeat", interval: "1m" } } }, key: "observability:alerting.deadMansSwitch.webhook", expects: /alerting\.webhooks/ },
    { why: "a Slack channel without the webhook URL secret", overrides: { alerting: { receivers: { onCall: receiver({ slackChannel: "#oncall" }) } } }, key: "observability:slackWebhookUrl", expects: /secret Slack incoming-webhook URL/ },
    { why: "a webhook without its URL secret", overrides: { alerting: { webhooks: [{ name: "pager", sendResolved: true }] } }, key: "observability:webhookUrls.pager", expects: /secret URL/ },
    { why: "a Slack channel without # or @", overrides: { alerting: { receivers: { onCall: receiver({ slackChannel: "oncall" }) } } }, secrets: { slackWebhookUrl: "https://hooks.slack.com/services/T/B/x" }, key: "observability:alerting.receivers.onCall.slackChannel", expects: /#ops-alerts/ },
    { why: "a Slack webhook URL that is not a URL", overrides: {}, secrets: { slackWebhookUrl: "hooks.slack.com/T/B/secret-token" }, key: "observability:slackWebhookUrl", expects: /value not shown/ },
    { why: "webhook URLs given as a plain string", overrides: {}, secrets: { webhookUrls: "https://pager.example.com" }, key: "observability:webhookUrls", expects: /map of webhook name to URL/ },
    { why: "an ingress without a host", overrides: { grafana: { ingress: { enabled: true } } }, key: "observability:grafana.ingress.host", expects: /host such as grafana.example.com/ },
    { why: "an ingress host with a scheme", overrides: { grafana: { ingress: { enabled: true, host: "https://grafana.example.com" } } }, key: "observability:grafana.ingress.host", expects: /DNS name/ },
    { why: "a Grafana admin name with spaces", overrides: { grafana: { adminUser: "grafana admin" } }, key: "observability:grafana.adminUser", expects: /user name/ },
    { why: "a Loki retention below the index period", overrides: { loki: { retention: "12h" } }, key: "observability:loki.retention", expects: /multiple of the 24h index period/ },
    { why: "a Loki retention that is not a whole number of days", overrides: { loki: { retention: "36h" } }, key: "observability:loki.retention", expects: /multiple of the 24h/ },
    { why: "a Loki burst below its rate", overrides: { loki: { ingestion: { rateMb: 8, burstMb: 4 } } }, key: "observability:loki.ingestion.burstMb", expects: /at least rateMb/ },
    { why: "an unknown log agent", overrides: { logAgent: { kind: "fluentd" } }, key: "observability:logAgent.kind", expects: /promtail, alloy/ },
    { why: "a relative audit-log host path", overrides: { logAgent: { auditLogs: { enabled: true, hostPath: "var/log/audit" } } }, key: "observability:logAgent.auditLogs.hostPath", expects: /absolute host path/ },
    { why: "an audit-log host path that climbs out", overrides: { logAgent: { auditLogs: { enabled: true, hostPath: "/var/log/../../etc" } } }, key: "observability:logAgent.auditLogs.hostPath", expects: /without '\.\.'/ },
    { why: "an app without selector labels", overrides: { apps: [{ name: "web", namespace: "shop", selector: {} }] }, key: "observability:apps.0.selector", expects: /at least one selector label/ },
    { why: "an app selector with an invalid label value", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web app" } }] }, key: "observability:apps.0.selector.app", expects: /label value/ },
    { why: "an app metrics path without a slash", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, path: "metrics" }] }, key: "observability:apps.0.path", expects: /absolute URL path/ },
    { why: "an app error ratio above 1", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, alerts: { errorRatio: 5, latencyP95Seconds: 1 } }] }, key: "observability:apps.0.alerts.errorRatio", expects: /below 1/ },
    { why: "the same app twice", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" } }, { name: "web", namespace: "shop", selector: { app: "web2" } }] }, key: "observability:apps.1.name", expects: /unique apps/ },
    { why: "an app list given as an object", overrides: { apps: { name: "web" } }, key: "observability:apps", expects: /expected a list/ },
    { why: "a chart mirror of unknown kind", overrides: { mirrors: { charts: { kind: "s3", url: "s3://charts" } } }, key: "observability:mirrors.charts.kind", expects: /http, oci or local/ },
    { why: "an OCI chart mirror without oci://", overrides: { mirrors: { charts: { kind: "oci", url: "registry.local/charts" } } }, key: "observability:mirrors.charts.url", expects: /oci:\/\// },
    { why: "an image registry with a scheme", overrides: { mirrors: { imageRegistry: "https://registry.local" } }, key: "observability:mirrors.imageRegistry", expects: /registry host/ },
    { why: "a prod stack with no named StorageClass", stack: "prod", overrides: { storage: { className: undefined } }, key: "observability:storage.className", expects: /named StorageClass for prod/ },
    { why: "a StorageClass name with capitals", overrides: { storage: { className: "Fast_SSD" } }, key: "observability:storage.className", expects: /StorageClass name such as fast-ssd/ },
    // Contradictions between fields, which the API server or the consumer would refuse later.
    { why: "a retentionSize larger than the Prometheus volume", stack: "prod", overrides: { prometheus: { retentionSize: "250GB" } }, key: "observability:prometheus.retentionSize", expects: /below the volume \(volumeSize: 200Gi\)/ },
    { why: "a Prometheus memory limit below its request", overrides: { prometheus: { resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "2Gi" } } } }, key: "observability:prometheus.resources.limits.memory", expects: /at least the request \(requests.memory: 4Gi\)/ },
    { why: "a CPU limit below its request", overrides: { loki: { resources: { requests: { cpu: "2", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } } } }, key: "observability:loki.resources.limits.cpu", expects: /at least the request \(requests.cpu: 2\)/ },
    { why: "a config-reloader limit below its request", overrides: { operator: { configReloaderResources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "32Mi" } } } }, key: "observability:operator.configReloaderResources.limits.memory", expects: /at least the request/ },
    { why: "a node-exporter limit below its request", overrides: { exporters: { nodeExporter: { resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "100M" } } } } }, key: "observability:exporters.nodeExporter.resources.limits.memory", expects: /at least the request/ },
    { why: "a zero repeat interval, which Alertmanager refuses", overrides: { alerting: { repeatInterval: "0s" } }, key: "observability:alerting.repeatInterval", expects: /above zero/ },
    { why: "a zero group interval, which Alertmanager refuses", overrides: { alerting: { groupInterval: "0m" } }, key: "observability:alerting.groupInterval", expects: /above zero/ },
    { why: "a zero dead-man's switch interval", overrides: { alerting: { webhooks: [{ name: "beat", sendResolved: false }], deadMansSwitch: { webhook: "beat", interval: "0s" } } }, secrets: { webhookUrls: { beat: "https://beat.example.com/ping" } }, key: "observability:alerting.deadMansSwitch.interval", expects: /above zero/ },
    { why: "a zero scrape interval", overrides: { prometheus: { scrapeInterval: "0s" } }, key: "observability:prometheus.scrapeInterval", expects: /above zero/ },
    { why: "a zero app scrape interval", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, interval: "0s" }] }, key: "observability:apps.0.interval", expects: /above zero/ },
    { why: "a zero backup age", overrides: { backups: { retention: { keep: 7, maxAge: "0d" } } }, key: "observability:backups.retention.maxAge", expects: /above zero/ },
    { why: "a zero Prometheus volume", overrides: { prometheus: { volumeSize: "0Gi" } }, key: "observability:prometheus.volumeSize", expects: /volume size above zero/ },
    { why: "a negative Loki volume", overrides: { loki: { volumeSize: "-10Gi" } }, key: "observability:loki.volumeSize", expects: /volume size/ },
    { why: "a zero Alertmanager volume", overrides: { alertmanager: { volumeSize: "0" } }, key: "observability:alertmanager.volumeSize", expects: /above zero/ },
    { why: "a zero Grafana volume", overrides: { grafana: { persistence: { enabled: true, size: "0Mi" } } }, key: "observability:grafana.persistence.size", expects: /above zero/ },
    { why: "a zero Pushgateway volume", overrides: { pushgateway: { persistence: { enabled: true, size: "0Gi" } } }, key: "observability:pushgateway.persistence.size", expects: /above zero/ },
    { why: "a zero backup volume", overrides: { backups: { target: { kind: "pvc", size: "0Gi" } } }, key: "observability:backups.target.size", expects: /above zero/ },
    // Names and ports.
    { why: "two apps whose dashboard uids meet", overrides: { apps: [{ name: "eu-checkout", namespace: "shop", selector: { app: "a" } }, { name: "checkout", namespace: "shop-eu", selector: { app: "b" } }] }, key: "observability:apps.1.name", expects: /app "checkout" in namespace "shop-eu" and app "eu-checkout" in namespace "shop" \(apps.0\) both get obs-app-shop-eu-checkout/ },
    { why: "an app port number out of range", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, port: 70000 }] }, key: "observability:apps.0.port", expects: /port number from 1 to 65535 such as 8080/ },
    { why: "an app port name with capitals", overrides: { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, port: "HTTP" }] }, key: "observability:apps.0.port", expects: /port name such as http-metrics/ },
    { why: "a cluster external label, which the program sets", overrides: { prometheus: { externalLabels: { cluster: "eu" } } }, key: "observability:prometheus.externalLabels.cluster", expects: /sets it from cluster.name/ },
    { why: "an environment external label, which the program sets", overrides: { prometheus: { externalLabels: { environment: "staging" } } }, key: "observability:prometheus.externalLabels.environment", expects: /sets it from environment/ },
    { why: "a prometheus_replica external label, which the operator sets", overrides: { prometheus: { externalLabels: { prometheus_replica: "a" } } }, key: "observability:prometheus.externalLabels.prometheus_replica", expects: /Operator sets it/ },
    // Messages that lead to the fix.
    { why: "an unknown nested key, with the nearest one", overrides: { prometheus: { retension: "7d" } }, key: "observability:prometheus.retension", expects: /unknown key \(did you mean retention\?\); valid keys of prometheus: evaluationInterval, externalLabels/ },
    { why: "an unknown top-level key, with the nearest one", overrides: { alertmanger: {} }, key: "observability:alertmanger", expects: /did you mean alertmanager\?/ },
    { why: "an unknown key of a chart mirror, with that kind's keys", overrides: { mirrors: { charts: { kind: "http", url: "https://charts.example.com", usr: "x" } } }, key: "observability:mirrors.charts.usr", expects: /valid keys of mirrors.charts: kind, url, username$/ },
    { why: "an SMTP password in plain config", overrides: { alerting: { smtp: { password: "hunter2" } } }, key: "observability:alerting.smtp.password", expects: /secret key smtpPassword/ },
    { why: "a Grafana admin password in plain config", overrides: { grafana: { adminPassword: "hunter2" } }, key: "observability:grafana.adminPassword", expects: /generated into the Secret grafana-admin-credentials .*grafana.adminPasswordVersion/ },
    { why: "a webhook URL in plain config", overrides: { alerting: { webhooks: [{ name: "pager", sendResolved: true, url: "https://pager.example.com/x" }] } }, secrets: { webhookUrls: { pager: "https://pager.example.com/x" } }, key: "observability:alerting.webhooks.0.url", expects: /secret key webhookUrls.<name>/ },
    { why: "an API token under any key", overrides: { loki: { apiToken: "abc" } }, key: "observability:loki.apiToken", expects: /looks like a credential.*secret keys/ },
    { why: "an empty kubeconfig context", overrides: { kubernetes: { context: "" } }, key: "observability:kubernetes.context", expects: /context name such as prod-admin/ },
    { why: "an empty dashboards folder", overrides: { dashboards: { folder: "" } }, key: "observability:dashboards.folder", expects: /folder title of 1 to 100 characters/ },
    { why: "a huge number of Grafana password versions", overrides: { grafana: { adminPasswordVersion: 1e21 } }, key: "observability:grafana.adminPasswordVersion", expects: /whole number, and this one is too large/ },
    { why: "a huge stream limit", overrides: { loki: { ingestion: { maxStreamsPerUser: 1e21 } } }, key: "observability:loki.ingestion.maxStreamsPerUser", expects: /too large/ },
    { why: "an ingress class with capitals", overrides: { grafana: { ingress: { enabled: true, host: "g.example.com", className: "NGINX" } } }, key: "observability:grafana.ingress.className", expects: /IngressClass name such as nginx/ },
    // Credentials never in plain config, never echoed.
    { why: "a chart mirror URL with credentials", overrides: { mirrors: { charts: { kind: "http", url: "https://robot:s3cr3t-Pa55@charts.example.com/stable" } } }, key: "observability:mirrors.charts.url", expects: /without credentials: set mirrors.charts.username and the secret chartRepositoryPassword/ },
    { why: "an OCI mirror URL with credentials", overrides: { mirrors: { charts: { kind: "oci", url: "oci://robot:s3cr3t-Pa55@registry.example.com/charts" } } }, key: "observability:mirrors.charts.url", expects: /without credentials/ },
    { why: "a repository user name without its password", overrides: { mirrors: { charts: { kind: "http", url: "https://charts.example.com", username: "robot" } } }, key: "observability:chartRepositoryPassword", expects: /required when mirrors.charts.username is set/ },
    { why: "a repository password without a user name", overrides: { mirrors: { charts: { kind: "http", url: "https://charts.example.com" } } }, secrets: { chartRepositoryPassword: "s3cr3t-Pa55word-0123456789" }, key: "observability:mirrors.charts.username", expects: /required when chartRepositoryPassword is set/ },
    { why: "a repository password without a remote mirror", overrides: {}, secrets: { chartRepositoryPassword: "s3cr3t-Pa55word-0123456789" }, key: "observability:chartRepositoryPassword", expects: /only used with mirrors.charts of kind http or oci/ },
    { why: "a secret key stored in the clear", overrides: { smtpPassword: "hunter2-not-secret" }, key: "observability:smtpPassword", expects: /stored in the clear in the stack file; set it again with pulumi config set --secret smtpPassword/ },
    { why: "a plain key stored as a secret that would not stay one", overrides: {}, secrets: { alerting: JSON.stringify({ smtp: { smarthost: "smtp.example.com:587", from: "a@example.com", username: "AKIAIOSFODNN7EXAMPLE" } }) }, key: "observability:alerting", expects: /stored as a secret, but its values are written into plain Helm values/ },
];

describe("stack config: invalid input", () => {
    for (const c of CASES) {
        it(`rejects ${c.why}, naming ${c.key}, before any resource is registered`, async () => {
            const { problem, message } = await rejectedProblem(c.stack ?? "dev", c.overrides, c.key, c.secrets);
            assert.match(problem, c.expects);
            for (const secret of Object.values(c.secrets ?? {})) {
                assert.ok(!message.includes(String(secret)), "the message echoes a secret value");
            }
        });
    }

    it("has at least 25 cases", () => {
        assert.ok(CASES.length >= 25);
    });

    it("reports every problem at once", async () => {
        const run = await evaluateProgram("dev", {
            prometheus: { retention: "forever", replicas: 0 },
            loki: { retention: "1h" },
            alerting: { smtp: { from: "nobody" } },
        });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of ["prometheus.retention", "prometheus.replicas", "loki.retention", "alerting.smtp.from"]) {
            assert.ok(keys.includes(`observability:${key}`), `missing ${key} in ${keys.join(", ")}`);
        }
    });

    it("quotes the given value once", async () => {
        const { problem } = await rejectedProblem("dev", { loki: { retention: "36h" } }, "observability:loki.retention");
        assert.strictEqual(problem.match(/36h/g)?.length, 1, problem);
    });

    it("names the stack and counts the problems in the message", async () => {
        const run = await evaluateProgram("prod", { prometheus: { retention: "1 month" } });
        assert.ok(run.error instanceof ConfigError);
        assert.match(run.error.message, /^Invalid stack config for stack "prod" \(1 problem\):/);
    });
});
