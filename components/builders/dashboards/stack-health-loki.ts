/**
 * Stack health's per-component Loki section (loki.mode distributed): each component up, its
 * requests and server errors, and the ingesters' flushes to the object store and the streams
 * they hold. One job per component, as the alert rules select them (builders/rules/targets.ts).
 */
import { LOKI_METRIC_COMPONENTS } from "../rules/targets";
import { jobSelector, lokiComponentJobOf, lokiJob } from "./jobs";
import type { DashboardSource } from "./model";
import { graph, upStat } from "./panels";
import { promQuery, RATE_WINDOW } from "./queries";

/** The section's panels, in layout order; none for the single binary. */
export function lokiComponentPanels(src: DashboardSource) {
    if (src.loki.mode !== "distributed") {
        return [];
    }
    const ns = src.namespace;
    const all = jobSelector(lokiJob(src), ns);
    const ingester = jobSelector(lokiComponentJobOf("ingester"), ns);
    const width = 24 / LOKI_METRIC_COMPONENTS.length;
    const requests = (extra: string) => `sum by (job) (rate(loki_request_duration_seconds_count${all.replace(/\}$/, extra + "}")}[${RATE_WINDOW}]))`;
    return [
        ...LOKI_METRIC_COMPONENTS.map((c) => upStat(lokiComponentJobOf(c).title, promQuery("A", `min(up${jobSelector(lokiComponentJobOf(c), ns)})`), width)),
        graph("Loki requests by component", [promQuery("A", requests(""), { legend: "{{job}}" })], { unit: "reqps", width: 12 }),
        graph("Loki server errors by component", [promQuery("A", requests(', status_code=~"5.."'), { legend: "{{job}}" })], { unit: "reqps", width: 12 }),
        graph("Ingester chunk flushes", [
            promQuery("A", `sum by (pod) (rate(loki_ingester_chunks_flushed_total${ingester}[${RATE_WINDOW}]))`, { legend: "{{pod}} flushed" }),
            promQuery("B", `sum by (pod) (rate(loki_ingester_chunks_flush_failures_total${ingester}[${RATE_WINDOW}]))`, { legend: "{{pod}} failed" }),
        ], { unit: "cps", width: 12, description: "Chunks each ingester writes to the object store, and fails to; failed chunks stay in memory and are retried." }),
        graph("Ingester streams in memory", [promQuery("A", `sum by (pod) (loki_ingester_memory_streams${ingester})`, { legend: "{{pod}}" })], { width: 12 }),
    ];
}
