/**
 * Stack health: is every component of the stack up, how much it ingests, how full its volumes
 * are and which retention is in effect.
 */
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { STACK_JOBS, StackJob, jobSelector, lokiJob } from "./jobs";
import type { DashboardSource } from "./model";
import { newDashboard } from "./base";
import { bars, graph, note, row, singleStat, upStat } from "./panels";
import { RATE_WINDOW, promQuery, quote } from "./queries";
import { lokiComponentPanels } from "./stack-health-loki";
import { thanosPanels, thanosRetentionRows } from "./stack-health-thanos";

import { STACK_HEALTH_UID } from "./uid";

export { STACK_HEALTH_UID };

/** The components watched for up/down; the event exporter only when it is deployed. */
export function watchedJobs(src: DashboardSource): StackJob[] {
    const agent = { ...STACK_JOBS.logAgent, title: src.logAgent.kind === "alloy" ? "Alloy" : "Promtail" };
    return [STACK_JOBS.prometheus, STACK_JOBS.alertmanager, lokiJob(src), agent, ...(src.eventExporter.enabled ? [STACK_JOBS.eventExporter] : [])];
}

function upPanels(src: DashboardSource) {
    const jobs = watchedJobs(src);
    // Spread the 24 grid columns over the panels so the row is filled (5 panels: 4,5,5,5,5).
    const width = (i: number) => Math.floor((24 * (i + 1)) / jobs.length) - Math.floor((24 * i) / jobs.length);
    return jobs.map((job, i) => upStat(job.title, promQuery("A", `min(up${jobSelector(job, src.namespace)})`), width(i)));
}

/** Sent and dropped entries have different names in Promtail and Alloy (loki.write). */
function agentQueries(src: DashboardSource) {
    const sel = jobSelector(STACK_JOBS.logAgent, src.namespace);
    const prefix = src.logAgent.kind === "alloy" ? "loki_write" : "promtail";
    return [
        promQuery("A", `sum(rate(${prefix}_sent_entries_total${sel}[${RATE_WINDOW}]))`, { legend: "sent" }),
        promQuery("B", `sum(rate(${prefix}_dropped_entries_total${sel}[${RATE_WINDOW}]))`, { legend: "dropped" }),
    ];
}

function ingestionPanels(src: DashboardSource) {
    const prom = jobSelector(STACK_JOBS.prometheus, src.namespace);
    const loki = jobSelector(lokiJob(src), src.namespace);
    return [
        graph("Prometheus samples appended", [promQuery("A", `sum by (pod) (rate(prometheus_tsdb_head_samples_appended_total${prom}[${RATE_WINDOW}]))`, { legend: "{{pod}}" })], { unit: "cps", width: 6 }),
        graph("Loki bytes received", [promQuery("A", `sum(rate(loki_distributor_bytes_received_total${loki}[${RATE_WINDOW}]))`, { legend: "bytes/s" })], { unit: "Bps", width: 6, redAbove: src.loki.ingestion.rateMb * 2 ** 20, description: "Red line: limits_config.ingestion_rate_mb; pushes above it are rejected with 429." }),
        graph("Loki lines received", [promQuery("A", `sum(rate(loki_distributor_lines_received_total${loki}[${RATE_WINDOW}]))`, { legend: "lines/s" })], { unit: "cps", width: 6 }),
        graph(`${src.logAgent.kind === "alloy" ? "Alloy" : "Promtail"} entries sent and dropped`, agentQueries(src), { unit: "cps", width: 6 }),
        ...(src.eventExporter.enabled ? [eventExporterPanel(src)] : []),
    ];
}

/** kubernetes-event-exporter's counters (pkg/metrics/metrics.go; no metricsNamePrefix is set). */
function eventExporterPanel(src: DashboardSource) {
    const sel = jobSelector(STACK_JOBS.eventExporter, src.namespace);
    return graph("Events sent and send errors", [
        promQuery("A", `sum(rate(events_sent${sel}[${RATE_WINDOW}]))`, { legend: "sent" }),
        promQuery("B", `sum(rate(send_event_errors${sel}[${RATE_WINDOW}]))`, { legend: "send errors" }),
    ], { unit: "cps", width: 24, height: 6 });
}

function volumePanels(src: DashboardSource) {
    const sel = `{namespace=${quote(src.namespace)}}`;
    const used = `max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes${sel})`;
    const capacity = `max by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes${sel})`;
    return [
        bars("Volume usage", [promQuery("A", `${used} / ${capacity}`, { legend: "{{persistentvolumeclaim}}", instant: true })], { unit: "percentunit", max: 1, redAbove: 0.85, description: "Used share of each PVC in the stack namespace (kubelet volume stats)." }),
        graph("Volume used bytes", [promQuery("A", used, { legend: "{{persistentvolumeclaim}}" })], { unit: "bytes" }),
    ];
}

function retentionPanels(src: DashboardSource) {
    const prom = jobSelector(STACK_JOBS.prometheus, src.namespace);
    const tsdb = ["prometheus_tsdb_storage_blocks_bytes", "prometheus_tsdb_head_chunks_storage_size_bytes", "prometheus_tsdb_wal_storage_size_bytes"];
    return [
        singleStat("Prometheus retention time", [promQuery("A", `max(prometheus_tsdb_retention_limit_seconds${prom})`, { instant: true })], { unit: "s" }),
        singleStat("Prometheus retention size", [promQuery("A", `max(prometheus_tsdb_retention_limit_bytes${prom})`, { instant: true })], { unit: "bytes", description: "0 means no size limit." }),
        graph("Prometheus TSDB size", [promQuery("A", `sum by (pod) (${tsdb.map((m) => `${m}${prom}`).join(" + ")})`, { legend: "{{pod}}" })], { unit: "bytes", width: 12 }),
        note("Retention from the stack config", retentionNote(src), { width: 24, height: 5 }),
    ];
}

function retentionNote(src: DashboardSource): string {
    return [
        "| Component | Retention | Volume | Config key |",
        "|---|---|---|---|",
        `| Prometheus | ${src.prometheus.retention}${src.prometheus.retentionSize === undefined ? "" : ` or ${src.prometheus.retentionSize}`} | ${src.prometheus.volumeSize} | \`observability:prometheus.retention\` |`,
        `| Loki | ${src.loki.retention} (limits_config.retention_period) | ${src.loki.mode === "distributed" ? "object store" : src.loki.volumeSize} | \`observability:loki.retention\` |`,
        `| Alertmanager | ${src.alertmanager.retention} (silences, notification log) | ${src.alertmanager.volumeSize} | \`observability:alertmanager.retention\` |`,
        ...thanosRetentionRows(src),
    ].join("\n");
}

/** The stack health dashboard. */
export function stackHealthDashboard(src: DashboardSource): dashboard.DashboardBuilder {
    const d = newDashboard({
        uid: STACK_HEALTH_UID,
        title: "Observability stack health",
        tags: ["health"],
        description: `Health of the observability stack in namespace ${src.namespace} on cluster ${src.cluster.name}.`,
        range: "6h",
        refresh: "1m",
    });
    d.withRow(row("Components up"));
    upPanels(src).forEach((p) => d.withPanel(p));
    d.withRow(row("Ingestion"));
    ingestionPanels(src).forEach((p) => d.withPanel(p));
    d.withRow(row("Volumes"));
    volumePanels(src).forEach((p) => d.withPanel(p));
    d.withRow(row("Retention"));
    retentionPanels(src).forEach((p) => d.withPanel(p));
    // Sections of opt-in features come last, so the panels above keep their ids (index.ts).
    const sections: [string, ReturnType<typeof thanosPanels | typeof lokiComponentPanels>][] = [
        ["Loki components", lokiComponentPanels(src)],
        ["Long-term metrics (Thanos)", thanosPanels(src)],
    ];
    for (const [title, panels] of sections.filter(([, p]) => p.length > 0)) {
        d.withRow(row(title));
        panels.forEach((p) => d.withPanel(p));
    }
    return d;
}
