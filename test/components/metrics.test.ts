import * as assert from "assert";
import { statefulOptions } from "../../components/metrics";
import { stackConfig } from "../helpers/config";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";

const CHART = "kubernetes:helm.sh/v4:Chart";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const SMTP_PASSWORD = "smtp-pass-F4ke-0123456789";
const SLACK_URL = "https://hooks.slack.com/services/T000/B000/F4keS1ackT0ken";

type Values = Record<string, any>;
const kpsChart = (run: ProgramRun) => run.mocks.get(CHART, "metrics-chart");
const kpsValues = (run: ProgramRun): Values => kpsChart(run).inputs.values;

for (const stack of ["dev", "prod"]) {
    describe(`MetricsStack in the ${stack} stack`, () => {
        let run: ProgramRun;
        before(async () => {
            run = await runProgram(stack, {}, { smtpPassword: SMTP_PASSWORD, slackWebhookUrl: SLACK_URL });
        });

        it("installs kube-prometheus-stack 88.5.3 from its repository as release kps in the stack namespace", () => {
            const inputs = kpsChart(run).inputs;
            assert.strictEqual(inputs.name, "kps");
            assert.strictEqual(inputs.chart, "kube-prometheus-stack");
            assert.strictEqual(inputs.version, "88.5.3");
            assert.deepStrictEqual(inputs.repositoryOpts, { repo: "https://prometheus-community.github.io/helm-charts" });
            assert.strictEqual(inputs.namespace, "monitoring");
        });

        it("passes the values built from the stack config", () => {
            const v = kpsValues(run);
            assert.strictEqual(v.fullnameOverride, "kps");
            assert.strictEqual(v.grafana.fullnameOverride, "grafana");
            assert.strictEqual(v.prometheus.prometheusSpec.externalLabels.environment, stack);
            assert.strictEqual(v.prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues, false);
            assert.deepStrictEqual(v.alertmanager.alertmanagerSpec.secrets, ["smtp-credentials", "alertmanager-receivers"]);
            assert.strictEqual(v.grafana.admin.existingSecret, "grafana-admin-credentials");
            assert.strictEqual(v.grafana.smtp.existingSecret, "smtp-credentials");
        });

        it("gives Grafana the Loki datasource at Loki's service address", () => {
            const [loki] = kpsValues(run).grafana.additionalDataSources;
            assert.deepStrictEqual([loki.uid, loki.url], ["loki", "http://loki.monitoring.svc:3100"]);
        });

        it("writes no password, generated or configured, and no webhook URL into the values", async () => {
            const smtpSecret = run.mocks.get("kubernetes:core/v1:Secret", "observability-secrets-smtp");
            assert.strictEqual(await valueOf(smtpSecret.inputs.stringData.password), SMTP_PASSWORD, "the test secret reached the program");
            const text = JSON.stringify(kpsValues(run));
            const adminPassword = (await valueOf(run.outputs.grafanaAdminPassword)) as string;
            for (const secret of [adminPassword, SMTP_PASSWORD, SLACK_URL]) {
                assert.ok(secret.length > 10 && !text.includes(secret), "a secret reached the Helm values");
            }
        });

        it("creates Grafana's claim itself and has the chart mount it", () => {
            const claim = run.mocks.get(PVC, "metrics-grafana-storage");
            assert.strictEqual(claim.inputs.metadata.name, "grafana");
            assert.strictEqual(claim.inputs.metadata.namespace, "monitoring");
            assert.strictEqual(claim.inputs.metadata.annotations["pulumi.com/skipAwait"], "true", "a WaitForFirstConsumer claim must not block the chart");
            assert.strictEqual(kpsValues(run).grafana.persistence.existingClaim, "grafana");
        });

        it("monitors every onboarded app from the stack namespace, selecting the app's namespace", () => {
            const config = stackConfig(stack);
            for (const app of config.apps) {
                const kind = app.monitor === "pod" ? "PodMonitor" : "ServiceMonitor";
                const monitor = run.mocks.get(`kubernetes:monitoring.coreos.com/v1:${kind}`, `metrics-apps-app.${app.namespace}.${app.name}`);
                assert.deepStrictEqual([monitor.inputs.metadata.namespace, monitor.inputs.metadata.name], ["monitoring", `app.${app.namespace}.${app.name}`]);
                assert.deepStrictEqual(monitor.inputs.spec.namespaceSelector, { matchNames: [app.namespace] });
                assert.deepStrictEqual(monitor.inputs.spec.selector.matchLabels, app.selector);
            }
        });

        it("exports the in-cluster Prometheus, Alertmanager and Grafana URLs", async () => {
            assert.strictEqual(await valueOf(run.outputs.prometheusUrl), "http://kps-prometheus.monitoring.svc:9090");
            assert.strictEqual(await valueOf(run.outputs.alertmanagerUrl), "http://kps-alertmanager.monitoring.svc:9093");
            assert.strictEqual(await valueOf(run.outputs.grafanaUrl), "http://grafana.monitoring.svc:80");
        });
    });
}

describe("MetricsStack with apps not deployed yet", () => {
    // Apps onboarded before their namespaces exist, and two whose namespace and name join to
    // the same string with a dash (accepted without dashboards, whose uids would meet).
    const apps = [
        { name: "checkout", namespace: "not-deployed-yet", selector: { app: "checkout" } },
        { name: "eu-checkout", namespace: "shop", selector: { app: "eu-checkout" } },
        { name: "checkout", namespace: "shop-eu", selector: { app: "checkout" }, monitor: "pod" },
    ];
    const MONITOR = /^kubernetes:monitoring\.coreos\.com\/v1:(Service|Pod)Monitor$/;
    let run: ProgramRun;
    before(async () => {
        run = await runProgram("dev", { apps, dashboards: { enabled: false } });
    });

    it("creates nothing in an app's namespace, so an app can be onboarded before its namespace exists", () => {
        const appNamespaces = new Set(apps.map((a) => a.namespace));
        const inAppNamespaces = run.mocks.resources.filter((r) => appNamespaces.has(r.inputs.metadata?.namespace));
        assert.deepStrictEqual(inAppNamespaces.map((r) => `${r.type}/${r.name}`), []);
    });

    it("gives every app its own monitor, by Pulumi name and by object name in the stack namespace", () => {
        const monitors = run.mocks.resources.filter((r) => MONITOR.test(r.type) && r.name.startsWith("metrics-apps-"));
        assert.strictEqual(monitors.length, apps.length);
        assert.strictEqual(new Set(monitors.map((m) => m.name)).size, apps.length, monitors.map((m) => m.name).join());
        assert.deepStrictEqual(
            monitors.map((m) => m.inputs.metadata.name).sort(),
            ["app.not-deployed-yet.checkout", "app.shop-eu.checkout", "app.shop.eu-checkout"],
        );
    });
});

describe("MetricsStack per environment", () => {
    let dev: ProgramRun;
    let prod: ProgramRun;
    before(async () => {
        dev = await runProgram("dev");
        prod = await runProgram("prod");
    });

    it("derives retentionSize from each environment's volume", () => {
        assert.strictEqual(kpsValues(dev).prometheus.prometheusSpec.retentionSize, "17GB");
        assert.strictEqual(kpsValues(prod).prometheus.prometheusSpec.retentionSize, "170GB");
    });

    it("puts prod volumes on the named StorageClass and dev volumes on the cluster default", () => {
        const claim = (run: ProgramRun) => kpsValues(run).prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec;
        assert.strictEqual(claim(prod).storageClassName, "fast-ssd");
        assert.strictEqual(claim(dev).storageClassName, undefined);
        assert.strictEqual(prod.mocks.get(PVC, "metrics-grafana-storage").inputs.spec.storageClassName, "fast-ssd");
    });

    it("runs HA Prometheus and Alertmanager with a PodDisruptionBudget only in prod", () => {
        assert.deepStrictEqual([kpsValues(dev).prometheus.prometheusSpec.replicas, kpsValues(prod).prometheus.prometheusSpec.replicas], [1, 2]);
        assert.deepStrictEqual([kpsValues(dev).alertmanager.alertmanagerSpec.replicas, kpsValues(prod).alertmanager.alertmanagerSpec.replicas], [1, 3]);
        assert.deepStrictEqual([kpsValues(dev).alertmanager.podDisruptionBudget.enabled, kpsValues(prod).alertmanager.podDisruptionBudget.enabled], [false, true]);
    });

    it("uses cert-manager for the operator webhooks in prod and switches them off in dev", () => {
        assert.strictEqual(kpsValues(prod).prometheusOperator.admissionWebhooks.certManager.enabled, true);
        assert.strictEqual(kpsValues(dev).prometheusOperator.admissionWebhooks.enabled, false);
    });

    it("publishes Grafana only in prod", async () => {
        assert.strictEqual(await valueOf(prod.outputs.grafanaExternalUrl), "https://grafana.prod.example.com/");
        assert.strictEqual(await valueOf(dev.outputs.grafanaExternalUrl), null);
    });

    it("protects and retains Grafana's volume in prod only", () => {
        assert.deepStrictEqual(statefulOptions(stackConfig("prod")), { protect: true, retainOnDelete: true });
        assert.deepStrictEqual(statefulOptions(stackConfig("dev")), { protect: false, retainOnDelete: false });
    });

    it("adds no Grafana claim when Grafana is ephemeral", async () => {
        const run = await runProgram("dev", { grafana: { persistence: { enabled: false, size: "1Gi" } } });
        assert.strictEqual(run.mocks.ofType(PVC).length, 0);
        assert.deepStrictEqual(kpsValues(run).grafana.persistence, { enabled: false });
    });
});
