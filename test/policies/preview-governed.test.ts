/**
 * Policies over the objects they govern in a preview (engine.ts): a field a policy does not
 * check that the preview does not know yet changes nothing, and a value it does check that the
 * preview does not know is decided from the known parts or reported, never skipped.
 */
import * as assert from "assert";
import type { Policy } from "@pulumi/policy";
import { alertmanagerRetention } from "../../policies/alertmanager-retention";
import { alertmanagerSecretsByReference } from "../../policies/alertmanager-secrets-by-reference";
import { containerResources } from "../../policies/container-resources";
import { grafanaAdminSecretByReference } from "../../policies/grafana-admin-secret-by-reference";
import { haReplicasAndDisruptionBudgets } from "../../policies/ha-replicas-and-disruption-budgets";
import { ingressTls } from "../../policies/ingress-tls";
import { lokiCompactorRetention } from "../../policies/loki-compactor-retention";
import { lokiRetention } from "../../policies/loki-retention";
import { networkIsolation } from "../../policies/network-isolation";
import { noCredentialsInConfigMaps } from "../../policies/no-credentials-in-configmaps";
import { noLiteralCredentialEnv } from "../../policies/no-literal-credential-env";
import { persistentStorage } from "../../policies/persistent-storage";
import { pinnedImageTags } from "../../policies/pinned-image-tags";
import { prometheusAdminApiRestricted } from "../../policies/prometheus-admin-api-restricted";
import { prometheusRetention } from "../../policies/prometheus-retention";
import { prometheusRetentionSize } from "../../policies/prometheus-retention-size";
import { replicatedWorkloads } from "../../policies/replicated-workloads";
import { statefulResourcesProtected } from "../../policies/stateful-resources-protected";
import { storageClassAllowlist } from "../../policies/storage-class-allowlist";
import { volumeSizeBounds } from "../../policies/volume-size-bounds";
import * as fx from "../fixtures/policies/objects";
import { Diagnostic, preview, previewPolicy, UNKNOWN, unknownAt } from "./engine";
import type { PolicyObject } from "./harness";

/** The containers of a Deployment, StatefulSet or DaemonSet fixture. */
const CONTAINERS = "props.spec.template.spec.containers";

/** kube-prometheus-stack's Alertmanager config Secret with the labels the chart gives it. */
const chartAlertmanagerSecret = (config = fx.alertmanagerConfig()) =>
    fx.withField(fx.alertmanagerSecret(config), "props.metadata.labels", { app: "kube-prometheus-stack-alertmanager", release: "kps" });

/** The baseline Loki config with one change. */
function lokiConfig(edit: (c: Record<string, any>) => void): Record<string, any> {
    const config = fx.lokiConfig();
    edit(config);
    return config;
}

interface Case {
    policy: Policy;
    /** What the policy still rejects, as the test title reads. */
    rule: string;
    /** The compliant baseline object. */
    baseline: () => PolicyObject;
    /** The same object with one field changed to break the rule. */
    violating: () => PolicyObject;
    /** A field the policy does not check, which the preview does not know (dotted path). */
    unknown: string;
    message: RegExp;
    config?: Record<string, unknown>;
}

const set = (baseline: () => PolicyObject, path: string, value: unknown) => () => fx.withField(baseline(), path, value);

const CASES: Case[] = [
    { policy: prometheusRetention, rule: "rejects 3d of retention", baseline: fx.prometheus, violating: set(fx.prometheus, "props.spec.retention", "3d"), unknown: "props.metadata.name", message: /spec\.retention is 3d \(3d\), shorter than the 7d/ },
    { policy: prometheusRetentionSize, rule: "rejects a retentionSize above the volume", baseline: fx.prometheus, violating: set(fx.prometheus, "props.spec.retentionSize", "250GB"), unknown: "props.metadata.name", message: /retentionSize 250GB .* is 125% of its 200Gi volume/ },
    { policy: alertmanagerRetention, rule: "rejects a retention in days", baseline: fx.alertmanager, violating: set(fx.alertmanager, "props.spec.retention", "30d"), unknown: "props.metadata.name", message: /is not an Alertmanager duration/ },
    { policy: lokiRetention, rule: "rejects a config without retention_period", baseline: fx.lokiConfigMap, violating: () => fx.lokiConfigMap(lokiConfig((c) => delete c.limits_config.retention_period)), unknown: "props.metadata.name", message: /has no limits_config\.retention_period, so Loki keeps logs forever/ },
    { policy: lokiCompactorRetention, rule: "rejects a compactor with retention disabled", baseline: fx.lokiConfigSecret, violating: () => fx.lokiConfigSecret(lokiConfig((c) => (c.compactor.retention_enabled = false))), unknown: "props.metadata.name", message: /does not set compactor\.retention_enabled: true/ },
    { policy: alertmanagerSecretsByReference, rule: "rejects an inline SMTP password", baseline: chartAlertmanagerSecret, violating: () => chartAlertmanagerSecret({ ...fx.alertmanagerConfig(), global: { smtp_auth_password: "hunter2" } }), unknown: "props.metadata.name", message: /writes global\.smtp_auth_password inline/ },
    { policy: alertmanagerSecretsByReference, rule: "rejects a literal Slack URL in an Alertmanager's own config", baseline: fx.alertmanager, violating: set(fx.alertmanager, "props.spec.alertmanagerConfiguration", { name: "global", global: { slackApiUrl: "https://hooks.slack.com/services/T/B/C" } }), unknown: "props.metadata.name", message: /global\.slackApiUrl is a literal credential/ },
    { policy: grafanaAdminSecretByReference, rule: "rejects a literal admin password", baseline: fx.grafanaDeployment, violating: set(fx.grafanaDeployment, `${CONTAINERS}.1.env.1`, { name: "GF_SECURITY_ADMIN_PASSWORD", value: "admin" }), unknown: "props.metadata.labels", message: /does not take GF_SECURITY_ADMIN_PASSWORD from a Secret/ },
    { policy: noLiteralCredentialEnv, rule: "rejects a literal token in env", baseline: fx.nodeExporterDaemonSet, violating: set(fx.nodeExporterDaemonSet, `${CONTAINERS}.0.env.0`, { name: "API_TOKEN", value: "s3cr3t" }), unknown: "props.metadata.name", message: /sets env API_TOKEN to a literal value/ },
    { policy: noCredentialsInConfigMaps, rule: "rejects a literal password in grafana.ini", baseline: fx.grafanaIniConfigMap, violating: set(fx.grafanaIniConfigMap, "props.data", { "grafana.ini": "[smtp]\npassword = hunter2\n" }), unknown: "props.metadata.name", message: /holds a literal credential at grafana\.ini:smtp\.password/ },
    { policy: containerResources, rule: "rejects a container without a memory limit", baseline: fx.grafanaDeployment, violating: set(fx.grafanaDeployment, `${CONTAINERS}.1.resources.limits`, undefined), unknown: `${CONTAINERS}.0.name`, message: /containers\[grafana\] does not set limits\.memory/ },
    { policy: pinnedImageTags, rule: "rejects the latest tag", baseline: fx.lokiStatefulSet, violating: set(fx.lokiStatefulSet, `${CONTAINERS}.0.image`, "docker.io/grafana/loki:latest"), unknown: `${CONTAINERS}.1.name`, message: /uses the floating tag "latest"/ },
    { policy: persistentStorage, rule: "rejects Grafana data on an emptyDir", baseline: fx.grafanaDeployment, violating: set(fx.grafanaDeployment, "props.spec.template.spec.volumes.1", { name: "storage", emptyDir: {} }), unknown: "props.metadata.name", message: /mounts its `storage` volume from emptyDir/ },
    { policy: storageClassAllowlist, rule: "rejects a class not on the list", baseline: fx.grafanaPvc, violating: set(fx.grafanaPvc, "props.spec.storageClassName", "slow"), unknown: "props.metadata.name", message: /uses StorageClass "slow", which is not allowed/, config: { allowedClasses: ["fast-ssd"] } },
    { policy: volumeSizeBounds, rule: "rejects a claim above the maximum", baseline: fx.grafanaPvc, violating: set(fx.grafanaPvc, "props.spec.resources.requests.storage", "2Ti"), unknown: "props.metadata.name", message: /requests 2Ti/ },
    { policy: statefulResourcesProtected, rule: "rejects an unprotected claim", baseline: fx.grafanaPvc, violating: set(fx.grafanaPvc, "opts.protect", false), unknown: "props.metadata.name", message: /is a persistent volume but is not protected/ },
    { policy: ingressTls, rule: "rejects an Ingress without TLS", baseline: fx.grafanaIngress, violating: set(fx.grafanaIngress, "props.spec.tls", undefined), unknown: "props.metadata.annotations", message: /serves host grafana\.prod\.example\.com without TLS/ },
    { policy: ingressTls, rule: "rejects a TLS entry without secretName", baseline: fx.grafanaIngress, violating: set(fx.grafanaIngress, "props.spec.tls.0.secretName", undefined), unknown: "props.spec.ingressClassName", message: /over TLS without a secretName/ },
    { policy: replicatedWorkloads, rule: "rejects a single event exporter", baseline: fx.eventExporterDeployment, violating: set(fx.eventExporterDeployment, "props.spec.replicas", 1), unknown: `${CONTAINERS}.0.image`, message: /kubernetes-event-exporter event-exporter runs 1 replica/ },
];

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.policy} [${d.enforcementLevel}${d.skipped ? ", skipped" : ""}] ${d.message}`).join("\n");

describe("policies over the objects they govern in a preview", () => {
    for (const c of CASES) {
        it(`${c.policy.name} still ${c.rule} when the preview does not know ${c.unknown.replace(/^props\./, "")}`, async () => {
            assert.deepStrictEqual(await previewPolicy(c.policy, unknownAt(c.baseline(), c.unknown), c.config), []);
            const diagnostics = await previewPolicy(c.policy, unknownAt(c.violating(), c.unknown), c.config);
            assert.ok(diagnostics.every((d) => !d.skipped), show(diagnostics));
            assert.ok(diagnostics.some((d) => d.enforcementLevel === "mandatory" && c.message.test(d.message)), show(diagnostics));
        });
    }

    it("ha-replicas-and-disruption-budgets still rejects a single Prometheus replica when the preview does not know another budget's namespace", async () => {
        const lokiPdb = unknownAt(fx.withField(fx.prometheusPdb(), "props.spec.selector.matchLabels", { "app.kubernetes.io/name": "loki" }), "props.metadata.namespace");
        const stack = (prometheus: PolicyObject) => [prometheus, fx.prometheusPdb(), fx.alertmanager(), fx.alertmanagerPdb(), { ...lokiPdb, name: "loki:monitoring/loki" }];
        assert.deepStrictEqual(await preview([haReplicasAndDisruptionBudgets], stack(fx.prometheus())), []);
        const diagnostics = await preview([haReplicasAndDisruptionBudgets], stack(fx.withField(fx.prometheus(), "props.spec.replicas", 1)));
        assert.ok(diagnostics.every((d) => !d.skipped), show(diagnostics));
        assert.ok(diagnostics.some((d) => /Prometheus kps-prometheus runs 1 replica/.test(d.message)), show(diagnostics));
    });

    it("network-isolation still rejects Loki without a NetworkPolicy when the preview does not know another policy's namespace or rules", async () => {
        const elsewhere = { ...unknownAt(fx.withField(fx.grafanaNetworkPolicy(), "props.spec.podSelector.matchLabels", { "app.kubernetes.io/name": "pushgateway" }), "props.metadata.namespace"), name: "pushgateway" };
        const unknownRules = unknownAt(fx.alertmanagerNetworkPolicy(), "props.spec.ingress.2.ports");
        const stack = (lokiPolicy: PolicyObject[]) => [fx.lokiStatefulSet(), fx.grafanaDeployment(), fx.grafanaNetworkPolicy(), elsewhere, unknownRules, ...lokiPolicy];
        assert.deepStrictEqual(await preview([networkIsolation], stack([fx.lokiNetworkPolicy()])), []);
        const diagnostics = await preview([networkIsolation], stack([]));
        assert.ok(diagnostics.every((d) => !d.skipped && d.enforcementLevel === "mandatory"), show(diagnostics));
        assert.deepStrictEqual(diagnostics.map((d) => d.message.split(" is selected")[0]), ["Loki loki"], show(diagnostics));
    });

    it("prometheus-admin-api-restricted still rejects the whole cluster on the web port when the preview does not know the Prometheus' retention", async () => {
        const prometheus = unknownAt(fx.withField(fx.prometheus(), "props.spec.enableAdminAPI", true), "props.spec.retention");
        const open = fx.withField(fx.prometheusNetworkPolicy(), "props.spec.ingress.0.from", [{ namespaceSelector: {} }]);
        assert.deepStrictEqual(await preview([prometheusAdminApiRestricted], [prometheus, fx.prometheusNetworkPolicy()]), []);
        const diagnostics = await preview([prometheusAdminApiRestricted], [prometheus, open]);
        assert.ok(diagnostics.length === 1 && !diagnostics[0].skipped && diagnostics[0].enforcementLevel === "mandatory", show(diagnostics));
        assert.match(diagnostics[0].message, /admits pods in every namespace \(namespaceSelector: \{\}\) to its web port 9090/);
    });
});

/** The one diagnostic of `policy` on `object`, which must be a mandatory violation, not a skip. */
async function violation(policy: Policy, object: PolicyObject): Promise<string> {
    const diagnostics = await previewPolicy(policy, object);
    assert.ok(diagnostics.length === 1 && !diagnostics[0].skipped && diagnostics[0].enforcementLevel === "mandatory", show(diagnostics));
    return diagnostics[0].message;
}

describe("policies on a value they check that a preview does not know", () => {
    it("loki-retention and loki-compactor-retention report a Loki config text that is not known, rather than skip it", async () => {
        const secret = fx.withField(fx.lokiConfigSecret(), "props.data", { "config.yaml": UNKNOWN });
        for (const policy of [lokiRetention, lokiCompactorRetention]) {
            assert.match(await violation(policy, secret), /^Loki config loki data\["config\.yaml"\] is not known during preview .* reports it rather than pass it unseen/);
        }
    });

    it("alertmanager-secrets-by-reference reports an alertmanager.yaml that is not known, since a generated credential is the usual reason", async () => {
        const secret = fx.withField(chartAlertmanagerSecret(), "props.data", { "alertmanager.yaml": UNKNOWN });
        assert.match(await violation(alertmanagerSecretsByReference, secret), /alertmanager-kps-alertmanager data\["alertmanager\.yaml"\] is not known during preview .*use the \*_file fields/);
    });

    it("prometheus-retention reports a retention that is not known", async () => {
        assert.match(await violation(prometheusRetention, unknownAt(fx.prometheus(), "props.spec.retention")), /^kps-prometheus spec\.retention is not known during preview/);
    });

    it("pinned-image-tags reports an image that is not known", async () => {
        assert.match(await violation(pinnedImageTags, unknownAt(fx.lokiStatefulSet(), `${CONTAINERS}.1.image`)), /^loki spec\.template\.spec\.containers\[1\]\.image is not known during preview/);
    });

    it("no-literal-credential-env treats a password variable computed from another resource as a literal", async () => {
        const daemonSet = fx.withField(fx.nodeExporterDaemonSet(), `${CONTAINERS}.0.env.0`, { name: "DB_PASSWORD", value: "x" });
        assert.match(await violation(noLiteralCredentialEnv, unknownAt(daemonSet, `${CONTAINERS}.0.env.0.value`)), /sets env DB_PASSWORD to a value computed from another resource's output/);
    });

    it("no-credentials-in-configmaps treats a credential-named key computed from another resource as a literal", async () => {
        const configMap = fx.withField(fx.grafanaIniConfigMap(), "props.data.admin_password", "x");
        assert.match(await violation(noCredentialsInConfigMaps, unknownAt(configMap, "props.data.admin_password")), /holds a literal credential at admin_password, computed from another resource's output/);
    });

    it("network-isolation reports a NetworkPolicy whose pod selector is not known, which might open a component", async () => {
        const diagnostics = await preview([networkIsolation], [fx.prometheus(), unknownAt(fx.prometheusNetworkPolicy(), "props.spec.podSelector")]);
        assert.ok(diagnostics.length === 1 && !diagnostics[0].skipped && diagnostics[0].enforcementLevel === "mandatory", show(diagnostics));
        assert.match(diagnostics[0].message, /^NetworkPolicy kps-prometheus spec\.podSelector is not known during preview .*whether it opens Prometheus kps-prometheus/);
    });

    it("prometheus-admin-api-restricted reports an enableAdminAPI that is not known", async () => {
        const diagnostics = await preview([prometheusAdminApiRestricted], [unknownAt(fx.prometheus(), "props.spec.enableAdminAPI"), fx.prometheusNetworkPolicy()]);
        assert.ok(diagnostics.length === 1 && !diagnostics[0].skipped && diagnostics[0].enforcementLevel === "mandatory", show(diagnostics));
        assert.match(diagnostics[0].message, /^Prometheus kps-prometheus spec\.enableAdminAPI is not known during preview/);
    });

    it("ingress-tls reports a host that is not known, and counts a secretName that is not known as set", async () => {
        assert.match(await violation(ingressTls, unknownAt(fx.grafanaIngress(), "props.spec.rules.0.host")), /^grafana spec\.rules\[0\]\.host is not known during preview/);
        assert.deepStrictEqual(await previewPolicy(ingressTls, unknownAt(fx.grafanaIngress(), "props.spec.tls.0.secretName")), []);
    });

    it("replicated-workloads reports an event exporter whose spec is not known, recognising it by its own labels", async () => {
        assert.match(await violation(replicatedWorkloads, unknownAt(fx.eventExporterDeployment(), "props.spec")), /^event-exporter spec is not known during preview/);
    });

    it("container-resources counts a memory limit computed from another resource as set", async () => {
        assert.deepStrictEqual(await previewPolicy(containerResources, unknownAt(fx.grafanaDeployment(), `${CONTAINERS}.1.resources.limits.memory`)), []);
    });

    it("grafana-admin-secret-by-reference passes a secretKeyRef password while another variable is not known", async () => {
        assert.deepStrictEqual(await previewPolicy(grafanaAdminSecretByReference, unknownAt(fx.grafanaDeployment(), `${CONTAINERS}.1.env.2`)), []);
    });
});
