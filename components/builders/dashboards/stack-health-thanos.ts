/**
 * Stack health's long-term metrics section (prometheus.longTerm): are the Thanos components up,
 * do the sidecars' blocks reach the bucket, is the compactor working through it, does the store
 * gateway see it and does Query reach every StoreAPI. Metric names are Thanos v0.42's, the same
 * the alert rules read (builders/rules/thanos.ts).
 */
import { ALL_THANOS, jobSelector, THANOS_JOBS } from "./jobs";
import type { DashboardSource } from "./model";
import { graph, singleStat, upStat } from "./panels";
import { promQuery, RATE_WINDOW } from "./queries";
import { COMPACTOR_SILENCE_HOURS } from "../rules/thanos";

const rate = (metric: string, selector: string) => `rate(${metric}${selector}[${RATE_WINDOW}])`;

function statePanels(ns: string) {
    const compact = jobSelector(THANOS_JOBS.compactor, ns);
    return [
        ...Object.values(THANOS_JOBS).map((job) => upStat(job.title, promQuery("A", `min(up${jobSelector(job, ns)})`), 4)),
        singleStat("Compactor halted", [promQuery("A", `max(thanos_compact_halted${compact})`, { instant: true })], {
            width: 4, redAbove: 1, description: "1 when the compactor stopped on an error it cannot retry: compaction, downsampling and retention wait until someone removes the cause and restarts it.",
        }),
        singleStat("Since the compactor's last upload", [promQuery("A", `time() - max(thanos_objstore_bucket_last_successful_upload_time${compact} > 0)`, { instant: true })], {
            unit: "s", width: 4, redAbove: COMPACTOR_SILENCE_HOURS * 3600, description: `Red after ${COMPACTOR_SILENCE_HOURS}h: the sidecars upload a block every 2h, so a working compactor always has something to compact. Empty until its first upload.`,
        }),
    ];
}

function uploadPanels(ns: string) {
    const sidecar = jobSelector(THANOS_JOBS.sidecar, ns);
    return [
        graph("Sidecar block uploads", [
            promQuery("A", `sum by (pod) (increase(thanos_shipper_uploads_total${sidecar}[1h]))`, { legend: "{{pod}} uploaded" }),
            promQuery("B", `sum by (pod) (increase(thanos_shipper_upload_failures_total${sidecar}[1h]))`, { legend: "{{pod}} failed" }),
        ], { width: 12, description: "Blocks per hour each Prometheus replica's sidecar uploaded, and failed to; one 2h block every 2 hours is normal." }),
        graph("Store gateway block syncs", [
            promQuery("A", `sum by (pod) (${rate("thanos_blocks_meta_syncs_total", jobSelector(THANOS_JOBS.storeGateway, ns))})`, { legend: "{{pod}} syncs" }),
            promQuery("B", `sum by (pod) (${rate("thanos_blocks_meta_sync_failures_total", jobSelector(THANOS_JOBS.storeGateway, ns))})`, { legend: "{{pod}} failures" }),
        ], { unit: "ops", width: 12 }),
    ];
}

function bucketPanels(ns: string) {
    const all = jobSelector(ALL_THANOS, ns);
    return [
        graph("Bucket operations by component", [promQuery("A", `sum by (job, operation) (${rate("thanos_objstore_bucket_operations_total", all)})`, { legend: "{{job}} {{operation}}" })], { unit: "ops", width: 8 }),
        graph("Bucket operation failures", [promQuery("A", `sum by (job, operation) (${rate("thanos_objstore_bucket_operation_failures_total", all)})`, { legend: "{{job}} {{operation}}" })], { unit: "ops", width: 8 }),
        graph("Query's StoreAPI connections", [
            promQuery("A", `sum by (pod, store_type) (thanos_store_nodes_grpc_connections${jobSelector(THANOS_JOBS.query, ns)})`, { legend: "{{pod}} {{store_type}}" }),
            promQuery("B", `sum(thanos_bucket_store_blocks_loaded${jobSelector(THANOS_JOBS.storeGateway, ns)})`, { legend: "blocks loaded by store gateways" }),
        ], { width: 8, description: "Connections each Query pod holds to sidecars and store gateways (one per replica each), and the blocks the store gateways serve." }),
    ];
}

/** The section's panels, in layout order; none without prometheus.longTerm. */
export function thanosPanels(src: DashboardSource) {
    if (!src.prometheus.longTerm.enabled) {
        return [];
    }
    return [...statePanels(src.namespace), ...uploadPanels(src.namespace), ...bucketPanels(src.namespace)];
}

/** Retention note rows for the bucket (the compactor's --retention.resolution-* flags). */
export function thanosRetentionRows(src: DashboardSource): string[] {
    const lt = src.prometheus.longTerm;
    if (!lt.enabled) {
        return [];
    }
    const r = lt.retention;
    return [`| Thanos bucket (raw / 5m / 1h) | ${r.raw} / ${r.fiveMinutes} / ${r.oneHour} (compactor) | object store | \`observability:prometheus.longTerm.retention\` |`];
}
