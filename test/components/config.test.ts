import * as assert from "assert";
import { deepMerge, resolveConfig } from "../../components/config";
import { rawStackConfig, stackConfig } from "../helpers/config";

const NO_SECRETS = { smtpPassword: false, slackWebhookUrl: false, webhookUrls: [] };

describe("stack config", () => {
    describe("dev, from Pulumi.dev.yaml", () => {
        const dev = stackConfig("dev");

        it("starts from the dev preset: single replicas and a week of data", () => {
            assert.strictEqual(dev.environment, "dev");
            assert.strictEqual(dev.prometheus.replicas, 1);
            assert.strictEqual(dev.alertmanager.replicas, 1);
            assert.strictEqual(dev.prometheus.retention, "7d");
            assert.strictEqual(dev.loki.retention, "168h");
        });

        it("leaves the StorageClass to the cluster default", () => {
            assert.strictEqual(dev.storage.className, undefined);
            assert.strictEqual(dev.prometheus.storageClass, undefined);
        });

        it("keeps NetworkPolicies and deletion protection off", () => {
            assert.deepStrictEqual(dev.protection, { networkPolicies: false, protectStatefulResources: false });
        });

        it("fills app defaults under what the stack file says", () => {
            const [checkout] = dev.apps;
            assert.strictEqual(checkout.logFormat, "json");
            assert.strictEqual(checkout.path, "/metrics");
            assert.strictEqual(checkout.monitor, "service");
            assert.strictEqual(checkout.metrics.requestsTotal, "http_requests_total");
        });
    });

    describe("prod, from Pulumi.prod.yaml", () => {
        const prod = stackConfig("prod");

        it("runs Prometheus and Alertmanager highly available", () => {
            assert.ok(prod.prometheus.replicas >= 2);
            assert.ok(prod.alertmanager.replicas >= 2);
        });

        it("keeps 30 days of metrics and logs", () => {
            assert.strictEqual(prod.prometheus.retention, "30d");
            assert.strictEqual(prod.loki.retention, "30d");
        });

        it("puts volumes on the named StorageClass with prod sizes", () => {
            assert.strictEqual(prod.storage.className, "fast-ssd");
            assert.strictEqual(prod.prometheus.volumeSize, "200Gi");
            assert.strictEqual(prod.loki.volumeSize, "200Gi");
        });

        it("turns on NetworkPolicies and deletion protection", () => {
            assert.deepStrictEqual(prod.protection, { networkPolicies: true, protectStatefulResources: true });
        });

        it("takes the control-plane targets and cert-manager issuer from the stack file", () => {
            assert.strictEqual(prod.cluster.controlPlane.etcd, true);
            assert.deepStrictEqual(prod.cluster.certManager.issuer, { kind: "ClusterIssuer", name: "internal-ca" });
        });
    });

    it("lets the stack file override a single preset field and keep its siblings", () => {
        const c = stackConfig("prod", { prometheus: { retention: "45d" } });
        assert.strictEqual(c.prometheus.retention, "45d");
        assert.strictEqual(c.prometheus.volumeSize, "200Gi");
    });

    it("takes the environment from the stack name when the key is absent", () => {
        const raw = rawStackConfig("prod", { environment: undefined });
        assert.strictEqual(resolveConfig(raw, "prod", NO_SECRETS).environment, "prod");
    });

    it("accepts Slack and webhooks once their secrets are set", () => {
        const c = stackConfig("dev", {
            alerting: {
                receivers: { onCall: { email: [], slackChannel: "#oncall", webhooks: ["pager"] } },
                webhooks: [{ name: "pager", sendResolved: true }],
            },
        }, { smtpPassword: false, slackWebhookUrl: true, webhookUrls: ["pager"] });
        assert.strictEqual(c.alerting.receivers.onCall.slackChannel, "#oncall");
    });

    describe("deepMerge", () => {
        it("merges objects and replaces lists", () => {
            assert.deepStrictEqual(
                deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } }),
                { a: { b: 1, c: [3] }, d: 1 },
            );
        });

        it("does not modify its inputs", () => {
            const base = { a: { b: 1 } };
            deepMerge(base, { a: { b: 2 } });
            assert.deepStrictEqual(base, { a: { b: 1 } });
        });
    });
});
