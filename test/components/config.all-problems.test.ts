import * as assert from "assert";
import { ConfigError } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { evaluateProgram } from "../helpers/program";

const receiver = (extra: ConfigTree) => ({ email: [], webhooks: [], ...extra });

describe("stack config: every problem in one run", () => {
    it("reports every other problem beside an environment without a preset, and registers nothing", async () => {
        const run = await evaluateProgram("dev", { environment: "staging", prometheus: { replicas: 0 }, loki: { volumeSize: "0Gi" } });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of ["environment", "prometheus.replicas", "loki.volumeSize"]) {
            assert.ok(keys.includes(`observability:${key}`), `missing ${key} in ${keys.join(", ")}`);
        }
        assert.deepStrictEqual(run.mocks.resources, []);
    });

    it("reports missing secrets beside every other problem, and registers nothing", async () => {
        const run = await evaluateProgram("dev", {
            prometheus: { retention: "forever" },
            alerting: { receivers: { onCall: receiver({ slackChannel: "#oncall", email: ["not an address"] }) }, webhooks: [{ name: "pager", sendResolved: "yes" }] },
            mirrors: { charts: { kind: "http", url: "https://charts.example.com", username: "robot" } },
        });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of ["prometheus.retention", "alerting.receivers.onCall.email.0", "alerting.webhooks.0.sendResolved", "slackWebhookUrl", "webhookUrls.pager", "chartRepositoryPassword"]) {
            assert.ok(keys.includes(`observability:${key}`), `missing ${key} in ${keys.join(", ")}`);
        }
        assert.deepStrictEqual(run.mocks.resources, []);
    });

    it("checks rules across fields while other fields of the same object are wrong", async () => {
        const run = await evaluateProgram("prod", {
            prometheus: { replicas: "two", retension: "7d", retentionSize: "900GB", resources: { requests: { cpu: "1", memory: "8Gi" }, limits: { memory: "1Gi" } } },
        });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of ["prometheus.replicas", "prometheus.retension", "prometheus.retentionSize", "prometheus.resources.limits.memory"]) {
            assert.ok(keys.includes(`observability:${key}`), `missing ${key} in ${keys.join(", ")}`);
        }
    });

    it("reports apps sharing a dashboard uid while another app field is wrong", async () => {
        const apps = [
            { name: "eu-checkout", namespace: "shop", selector: { app: "a" }, port: "Not A Port" },
            { name: "checkout", namespace: "shop-eu", selector: { app: "b" } },
        ];
        const run = await evaluateProgram("dev", { apps });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        assert.deepStrictEqual(keys.sort(), ["observability:apps.0.port", "observability:apps.1.name"]);
    });

    it("lets no zod default wording through", async () => {
        const run = await evaluateProgram("dev", {
            kubernetes: { kubeconfig: "" },
            dashboards: { folder: "x".repeat(200) },
            grafana: { adminPasswordVersion: 1e21 },
            loki: { ingestion: { maxStreamsPerUser: 2.5 } },
        });
        assert.ok(run.error instanceof ConfigError);
        assert.doesNotMatch(run.error.message, /Too small|Too big|Invalid input|Invalid option|expected string to have|not a whole number/i);
        assert.strictEqual(run.error.problems.length, 4, run.error.message);
    });
});
