import * as assert from "assert";
import * as YAML from "yaml";
import { lokiPushUrl } from "../../components/builders/endpoints";
import { PROMTAIL_POSITIONS, promtailConfig, promtailConfigYaml } from "../../components/builders/promtail-config";
import type { StackConfig } from "../../components/schema";
import { stackConfig } from "../helpers/config";

/* eslint-disable @typescript-eslint/no-explicit-any */
const input = (config: StackConfig) => ({
    pushUrl: lokiPushUrl(config.namespace, config.loki.mode),
    cluster: config.cluster.name,
    apps: config.apps,
    auditLogs: config.logAgent.auditLogs,
});
const job = (cfg: any, name: string) => cfg.scrape_configs.find((j: any) => j.job_name === name);

describe("promtailConfig", () => {
    const dev = promtailConfig(input(stackConfig("dev"))) as any;
    const prod = promtailConfig(input(stackConfig("prod"))) as any;

    it("pushes to Loki's push URL with the cluster label on every stream", () => {
        assert.deepStrictEqual(dev.clients, [{ url: "http://loki.monitoring.svc:3100/loki/api/v1/push", external_labels: { cluster: "dev" } }]);
    });

    it("keeps positions on the node so a restart resumes", () => {
        assert.strictEqual(dev.positions.filename, PROMTAIL_POSITIONS);
    });

    it("parses CRI lines first, then runs the app pipelines", () => {
        const stages = job(dev, "kubernetes-pods").pipeline_stages;
        assert.deepStrictEqual(stages[0], { cri: {} });
        assert.ok(stages.findIndex((s: any) => s.match) > 0);
    });

    it("keeps only targets of its own node (__host__ from the pod's node)", () => {
        assert.deepStrictEqual(job(dev, "kubernetes-pods").relabel_configs[0], {
            source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "__host__", action: "replace",
        });
    });

    it("gives each JSON app a pipeline that extracts level, service and timestamp and labels level and service", () => {
        const match = job(dev, "kubernetes-pods").pipeline_stages.find((s: any) => s.match).match;
        assert.strictEqual(match.selector, '{namespace="shop", app="checkout"}');
        assert.deepStrictEqual(match.stages, [
            { json: { expressions: { level: "level", service: "service", timestamp: "timestamp" } } },
            { labels: { level: "", service: "" } },
            { timestamp: { source: "timestamp", format: "RFC3339Nano", action_on_failure: "skip" } },
        ]);
    });

    it("gives text apps no pipeline", () => {
        const stages = job(prod, "kubernetes-pods").pipeline_stages.filter((s: any) => s.match);
        assert.deepStrictEqual(stages.map((s: any) => s.match.selector), ['{namespace="shop", app="checkout"}']);
    });

    it("drops the filename label", () => {
        assert.deepStrictEqual(job(dev, "kubernetes-pods").pipeline_stages.at(-1), { labeldrop: ["filename"] });
    });

    it("reads the audit log only where auditLogs.enabled (prod), from the configured host path", () => {
        assert.strictEqual(job(dev, "kubernetes-audit"), undefined);
        const audit = job(prod, "kubernetes-audit");
        assert.deepStrictEqual(audit.kubernetes_sd_configs, [{ role: "node" }]);
        assert.ok(audit.relabel_configs.some((r: any) => r.target_label === "__path__" && r.replacement === "/var/log/kubernetes/audit/*.log"));
        const custom = promtailConfig(input(stackConfig("prod", { logAgent: { auditLogs: { enabled: true, hostPath: "/srv/audit" } } }))) as any;
        assert.ok(job(custom, "kubernetes-audit").relabel_configs.some((r: any) => r.replacement === "/srv/audit/*.log"));
    });

    it("takes audit timestamps from stageTimestamp", () => {
        const stages = job(prod, "kubernetes-audit").pipeline_stages;
        assert.deepStrictEqual(stages[0], { json: { expressions: { stage_timestamp: "stageTimestamp" } } });
        assert.strictEqual(stages[1].timestamp.source, "stage_timestamp");
    });

    it("renders YAML that reads back to the same config and holds no Helm template delimiters", () => {
        for (const stack of ["dev", "prod"]) {
            const i = input(stackConfig(stack));
            const text = promtailConfigYaml(i);
            assert.deepStrictEqual(YAML.parse(text), promtailConfig(i));
            // The chart passes config.file through `tpl`.
            assert.ok(!text.includes("{{"), stack);
        }
    });
});
