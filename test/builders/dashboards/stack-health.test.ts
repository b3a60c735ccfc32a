import { strict as assert } from "assert";
import { stackHealthDashboard } from "../../../components/builders/dashboards/stack-health";
import { stackConfig } from "../../helpers/config";
import { exprsOf, panelNamed } from "./query-syntax";

const build = (stack: string, overrides = {}) => stackHealthDashboard(stackConfig(stack, overrides)).build();

describe("stack health dashboard", () => {
    const prod = build("prod");

    it("has a stable uid and title", () => {
        assert.equal(prod.uid, "obs-stack-health");
        assert.equal(prod.title, "Observability stack health");
    });

    it("shows up/down of Prometheus, Alertmanager, Loki, Promtail and the event exporter", () => {
        const expected: Record<string, string> = {
            "Prometheus up": 'job=~"kps-prometheus"',
            "Alertmanager up": 'job=~"kps-alertmanager"',
            "Loki up": 'job=~"loki"',
            "Promtail up": 'job=~"log-agent(-metrics)?"',
            "Event exporter up": 'job=~"event-exporter|kubernetes-pods", pod=~"event-exporter-.+"',
        };
        for (const [title, job] of Object.entries(expected)) {
            const [expr] = exprsOf(prod, title);
            assert.ok(expr.startsWith("min(up{") && expr.includes(job) && expr.includes('namespace="monitoring"'), `${title}: ${expr}`);
        }
    });

    it("fills the row of up panels across all 24 grid columns", () => {
        const widths = ["Prometheus up", "Alertmanager up", "Loki up", "Promtail up", "Event exporter up"].map((t) => panelNamed(prod, t).gridPos.w);
        assert.equal(widths.reduce((a: number, b: number) => a + b, 0), 24);
    });

    it("names the agent Alloy and reads loki.write's metrics when logAgent.kind is alloy", () => {
        const alloy = build("dev", { logAgent: { kind: "alloy" } });
        assert.ok(exprsOf(alloy, "Alloy up")[0].includes("up{"));
        assert.deepEqual(
            exprsOf(alloy, "Alloy entries sent and dropped").map((e) => e.split("(")[2]),
            ["loki_write_sent_entries_total{namespace=\"monitoring\", job=~\"log-agent", "loki_write_dropped_entries_total{namespace=\"monitoring\", job=~\"log-agent"],
        );
    });

    it("drops the event exporter panels when the exporter is disabled", () => {
        const noEvents = build("dev", { eventExporter: { enabled: false } });
        assert.throws(() => panelNamed(noEvents, "Event exporter up"), /no panel/);
        assert.throws(() => panelNamed(noEvents, "Events sent and send errors"), /no panel/);
    });

    it("graphs the event exporter's events_sent and send_event_errors counters", () => {
        const [sent, errors] = exprsOf(prod, "Events sent and send errors");
        assert.match(sent, /^sum\(rate\(events_sent\{namespace="monitoring", job=~/);
        assert.match(errors, /^sum\(rate\(send_event_errors\{namespace="monitoring", job=~/);
    });

    it("graphs samples appended and Loki bytes and lines received", () => {
        assert.match(exprsOf(prod, "Prometheus samples appended")[0], /rate\(prometheus_tsdb_head_samples_appended_total\{/);
        assert.match(exprsOf(prod, "Loki bytes received")[0], /rate\(loki_distributor_bytes_received_total\{/);
        assert.match(exprsOf(prod, "Loki lines received")[0], /rate\(loki_distributor_lines_received_total\{/);
    });

    it("draws Loki's ingestion rate limit (loki.ingestion.rateMb, in MiB) as the red line", () => {
        const steps = panelNamed(prod, "Loki bytes received").fieldConfig.defaults.thresholds.steps;
        assert.equal(steps[1].value, 16 * 2 ** 20);
    });

    it("divides used by capacity bytes of the stack namespace's PVCs", () => {
        const [expr] = exprsOf(prod, "Volume usage");
        assert.equal(
            expr,
            'max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes{namespace="monitoring"}) / max by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes{namespace="monitoring"})',
        );
        assert.equal(panelNamed(prod, "Volume usage").fieldConfig.defaults.unit, "percentunit");
    });

    it("follows a non-default stack namespace", () => {
        const other = build("dev", { namespace: "obs" });
        assert.ok(exprsOf(other, "Volume usage")[0].includes('namespace="obs"'));
        assert.ok(exprsOf(other, "Loki up")[0].includes('namespace="obs"'));
    });

    it("shows Prometheus' retention limits in effect from its own metrics", () => {
        assert.match(exprsOf(prod, "Prometheus retention time")[0], /prometheus_tsdb_retention_limit_seconds/);
        assert.match(exprsOf(prod, "Prometheus retention size")[0], /prometheus_tsdb_retention_limit_bytes/);
    });

    it("states Loki's retention from the config, since Loki exports no metric for it", () => {
        const content = panelNamed(prod, "Retention from the stack config").options.content as string;
        assert.match(content, /\| Loki \| 30d /);
        assert.match(content, /\| Prometheus \| 30d /);
        assert.match(build("dev", { loki: { retention: "336h" } }).panels!.map((p: any) => p.options?.content ?? "").join(""), /\| Loki \| 336h /);
    });
});
