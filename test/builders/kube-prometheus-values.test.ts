import * as assert from "assert";
import { alertmanagerConfig } from "../../components/builders/alertmanager-config";
import { retentionSize } from "../../components/builders/prometheus-values";
import { kubePrometheusValues } from "../../components/builders/kube-prometheus-values";
import { operatorDeploymentRef } from "../../components/builders/operator-values";
import { SUPERSEDED_DEFAULT_RULES } from "../../components/builders/rules/stack";
import { prometheusSizeBytes, quantityBytes } from "../../components/units";
import { stackConfig } from "../helpers/config";

type Values = Record<string, any>;
const values = (stack: string, overrides = {}, lokiUrl?: string): Values =>
    kubePrometheusValues(stackConfig(stack, overrides), { lokiUrl }) as Values;

describe("Prometheus values", () => {
    it("keeps 85% of the Prometheus volume for retentionSize", () => {
        assert.strictEqual(values("prod").prometheus.prometheusSpec.retentionSize, "170GB");
        assert.strictEqual(values("dev").prometheus.prometheusSpec.retentionSize, "17GB");
    });

    it("never lets the derived retentionSize exceed 85% of the volume, read as Prometheus does (GB = GiB)", () => {
        for (const volumeSize of ["20Gi", "50G", "100Gi", "1500Mi", "1Ti"]) {
            const size = retentionSize({ ...stackConfig("dev").prometheus, volumeSize });
            assert.ok(prometheusSizeBytes(size) <= 0.85 * quantityBytes(volumeSize), `${volumeSize} -> ${size}`);
        }
    });

    it("uses a configured retentionSize as is", () => {
        assert.strictEqual(values("prod", { prometheus: { retentionSize: "150GB" } }).prometheus.prometheusSpec.retentionSize, "150GB");
    });

    it("puts the TSDB on prometheus.storageClass, else storage.className, else the cluster default", () => {
        const claim = (v: Values) => v.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec;
        assert.strictEqual(claim(values("prod")).storageClassName, "fast-ssd");
        assert.strictEqual(claim(values("prod", { prometheus: { storageClass: "nvme" } })).storageClassName, "nvme");
        assert.strictEqual("storageClassName" in claim(values("dev")), false);
        assert.deepStrictEqual(claim(values("prod")).resources, { requests: { storage: "200Gi" } });
    });

    it("runs the environment's replicas, retention and resources", () => {
        const dev = values("dev").prometheus.prometheusSpec;
        const prod = values("prod").prometheus.prometheusSpec;
        assert.deepStrictEqual([dev.replicas, dev.retention], [1, "7d"]);
        assert.deepStrictEqual([prod.replicas, prod.retention], [2, "30d"]);
        assert.deepStrictEqual(prod.resources, { requests: { cpu: "1", memory: "8Gi" }, limits: { memory: "12Gi" } });
    });

    it("labels every series with cluster and environment on top of extra external labels", () => {
        const spec = values("prod", { prometheus: { externalLabels: { region: "eu-1" } } }).prometheus.prometheusSpec;
        assert.deepStrictEqual(spec.externalLabels, { region: "eu-1", cluster: "prod", environment: "prod" });
    });

    it("selects monitors, rules, probes and scrape configs without the Helm release label", () => {
        const spec = values("dev").prometheus.prometheusSpec;
        for (const kind of ["serviceMonitor", "podMonitor", "rule", "probe", "scrapeConfig"]) {
            assert.strictEqual(spec[`${kind}SelectorNilUsesHelmValues`], false, kind);
        }
    });

    it("adds the annotation-based pod scrape job", () => {
        const jobs = values("dev").prometheus.prometheusSpec.additionalScrapeConfigs;
        assert.deepStrictEqual(jobs.map((j: Values) => j.job_name), ["kubernetes-pods"]);
    });

    it("has a PodDisruptionBudget whenever it runs more than one replica", () => {
        assert.deepStrictEqual(values("prod").prometheus.podDisruptionBudget, { enabled: true, minAvailable: 1 });
        assert.strictEqual(values("dev").prometheus.podDisruptionBudget.enabled, false);
        assert.strictEqual(values("dev", { prometheus: { replicas: 2 } }).prometheus.podDisruptionBudget.enabled, true);
    });

    it("has no drain-blocking budget (minAvailable 1 of 1) when prod runs a single Prometheus", () => {
        assert.strictEqual(values("prod", { prometheus: { replicas: 1 } }).prometheus.podDisruptionBudget.enabled, false);
    });

    it("keeps Prometheus and Alertmanager volumes when their StatefulSets go", () => {
        const v = values("prod");
        assert.deepStrictEqual(v.prometheus.prometheusSpec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
        assert.deepStrictEqual(v.alertmanager.alertmanagerSpec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
    });

    it("turns off the chart's default alerts that the stack's own rules replace", () => {
        const disabled = values("dev").defaultRules.disabled;
        assert.deepStrictEqual(Object.keys(disabled).sort(), [...SUPERSEDED_DEFAULT_RULES].sort());
        assert.ok(Object.values(disabled).every((v) => v === true));
    });

    it("opens the admin API only when Prometheus snapshot backups are on", () => {
        const target = { kind: "pvc", size: "50Gi" };
        assert.strictEqual(values("prod").prometheus.prometheusSpec.enableAdminAPI, false);
        assert.strictEqual(values("prod", { backups: { enabled: true, target } }).prometheus.prometheusSpec.enableAdminAPI, true);
        assert.strictEqual(values("prod", { backups: { enabled: true, target, prometheus: false } }).prometheus.prometheusSpec.enableAdminAPI, false);
    });

    it("gives node-exporter, kube-state-metrics, Grafana's sidecars and the config reloader resources", () => {
        const v = values("prod");
        for (const r of [v["prometheus-node-exporter"].resources, v["kube-state-metrics"].resources, v.grafana.sidecar.resources, v.prometheusOperator.prometheusConfigReloader.resources]) {
            assert.ok(r.requests.cpu && r.requests.memory && r.limits.memory, JSON.stringify(r));
        }
        assert.strictEqual(v.grafana.initChownData.enabled, false);
    });
});

describe("Alertmanager values", () => {
    it("runs the environment's replicas, retention and volume", () => {
        const dev = values("dev").alertmanager.alertmanagerSpec;
        const prod = values("prod").alertmanager.alertmanagerSpec;
        assert.deepStrictEqual([dev.replicas, dev.retention], [1, "120h"]);
        assert.deepStrictEqual([prod.replicas, prod.retention], [3, "720h"]);
        assert.deepStrictEqual(prod.storage.volumeClaimTemplate.spec.resources, { requests: { storage: "5Gi" } });
        assert.strictEqual(prod.storage.volumeClaimTemplate.spec.storageClassName, "fast-ssd");
    });

    it("has a PodDisruptionBudget whenever it runs more than one replica", () => {
        assert.strictEqual(values("prod").alertmanager.podDisruptionBudget.enabled, true);
        assert.strictEqual(values("dev").alertmanager.podDisruptionBudget.enabled, false);
        assert.strictEqual(values("dev", { alertmanager: { replicas: 2 } }).alertmanager.podDisruptionBudget.enabled, true);
    });

    it("has no drain-blocking budget (minAvailable 1 of 1) when prod runs a single Alertmanager", () => {
        assert.strictEqual(values("prod", { alertmanager: { replicas: 1 } }).alertmanager.podDisruptionBudget.enabled, false);
    });

    it("mounts the SMTP and receivers Secrets the config's *_file fields point into", () => {
        const am = values("prod").alertmanager;
        assert.deepStrictEqual(am.alertmanagerSpec.secrets, ["smtp-credentials", "alertmanager-receivers"]);
        assert.strictEqual(am.config.global.smtp_auth_password_file, "/etc/alertmanager/secrets/smtp-credentials/password");
    });
});

describe("Alertmanager config in the values", () => {
    it("is the alertmanagerConfig builder's document, with the notification templates instead of the chart's glob", () => {
        const { templates, ...rest } = values("prod").alertmanager.config;
        assert.deepStrictEqual(templates, ["/etc/alertmanager/config/notifications.tmpl"]);
        assert.deepStrictEqual(rest, alertmanagerConfig(stackConfig("prod")));
    });

    it("ships the notification templates as a template file of the config Secret", () => {
        const files = values("prod").alertmanager.templateFiles;
        assert.deepStrictEqual(Object.keys(files), ["notifications.tmpl"]);
        assert.match(files["notifications.tmpl"], /\{\{ define "email.default.subject" \}\}/);
    });
});

describe("operator values", () => {
    it("lets cert-manager issue the webhook certificate when the cluster has it, with no hook Jobs", () => {
        const op = values("prod").prometheusOperator;
        assert.strictEqual(op.admissionWebhooks.enabled, true);
        assert.strictEqual(op.admissionWebhooks.certManager.enabled, true);
        assert.strictEqual(op.admissionWebhooks.patch.enabled, false);
        assert.strictEqual(op.tls.enabled, true);
    });

    it("registers the webhooks only after the operator Deployment is ready", () => {
        const hooks = values("prod").prometheusOperator.admissionWebhooks;
        const ref = "apps/namespaces/monitoring/Deployment/kps-operator";
        assert.strictEqual(operatorDeploymentRef("monitoring"), ref);
        assert.strictEqual(hooks.validatingWebhookConfiguration.annotations["config.kubernetes.io/depends-on"], ref);
        assert.strictEqual(hooks.mutatingWebhookConfiguration.annotations["config.kubernetes.io/depends-on"], ref);
    });

    it("turns webhooks and operator TLS off without cert-manager, so nothing waits for a hook-made Secret", () => {
        const op = values("dev").prometheusOperator;
        assert.strictEqual(op.admissionWebhooks.enabled, false);
        assert.strictEqual(op.admissionWebhooks.patch.enabled, false);
        assert.strictEqual(op.tls.enabled, false);
    });
});

describe("stack-wide values", () => {
    it("fixes object names to the release names endpoints.ts builds URLs from", () => {
        const v = values("dev");
        assert.strictEqual(v.fullnameOverride, "kps");
        assert.strictEqual(v.grafana.fullnameOverride, "grafana");
    });

    it("scrapes only the control-plane components the cluster exposes and drops their rules otherwise", () => {
        const dev = values("dev");
        assert.deepStrictEqual(
            [dev.kubeControllerManager.enabled, dev.kubeScheduler.enabled, dev.kubeEtcd.enabled, dev.kubeProxy.enabled],
            [false, false, false, false],
        );
        const rules = dev.defaultRules.rules;
        assert.deepStrictEqual(
            [rules.kubeControllerManager, rules.kubeSchedulerAlerting, rules.kubeSchedulerRecording, rules.etcd, rules.kubeProxy],
            [false, false, false, false, false],
        );
        const proxied = values("dev", { cluster: { controlPlane: { kubeProxy: true } } });
        assert.deepStrictEqual([proxied.kubeProxy.enabled, proxied.defaultRules.rules.kubeProxy], [true, true]);
        const prod = values("prod").defaultRules.rules;
        assert.deepStrictEqual([prod.kubeControllerManager, prod.kubeSchedulerAlerting, prod.etcd], [true, true, true]);
    });

    it("pulls every image through the mirror registry with the configured pull secrets", () => {
        const v = values("prod", { mirrors: { imageRegistry: "registry.local:5000/mirror", imagePullSecrets: ["regcred"] } });
        assert.strictEqual(v.global.imageRegistry, "registry.local:5000/mirror");
        assert.deepStrictEqual(v.global.imagePullSecrets, [{ name: "regcred" }]);
        assert.strictEqual(v.grafana.extraInitContainers[0].image, "registry.local:5000/mirror/grafana/grafana:13.2.0");
        assert.strictEqual("imageRegistry" in values("prod").global, false);
    });

    it("turns the chart's NetworkPolicies on with protection.networkPolicies", () => {
        const enabled = (v: Values) => [v.prometheus, v.alertmanager, v.prometheusOperator, v.grafana].map((s) => s.networkPolicy.enabled);
        assert.deepStrictEqual(enabled(values("prod")), [true, true, true, true]);
        assert.deepStrictEqual(enabled(values("dev")), [false, false, false, false]);
    });

    it("admits only the stack's namespace to Prometheus and Alertmanager, and Alertmanager peers to each other", () => {
        const v = values("prod");
        assert.deepStrictEqual(v.prometheus.networkPolicy.ingress, [
            { from: [{ podSelector: {} }], ports: [{ port: 9090, protocol: "TCP" }, { port: 8080, protocol: "TCP" }] },
        ]);
        const [sameNamespace, peers] = v.alertmanager.networkPolicy.additionalIngress;
        assert.deepStrictEqual(sameNamespace.from, [{ podSelector: {} }]);
        assert.deepStrictEqual(peers.ports, [{ port: 9094, protocol: "TCP" }, { port: 9094, protocol: "UDP" }]);
    });
});
