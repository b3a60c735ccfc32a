/**
 * Long-term metrics (prometheus.longTerm) watching themselves: blocks that do not reach the
 * bucket, a compactor that stopped (retention and downsampling stop with it), a store gateway
 * that no longer sees the bucket, and a Query that lost its StoreAPIs. Names, metrics and
 * thresholds follow the Thanos mixin of v0.42 (mixin/alerts/{sidecar,compact,store,absent}.libsonnet,
 * rendered in examples/alerts/alerts.yaml), scoped to the stack's namespace and jobs; where the
 * mixin has the alert, its runbook is linked.
 */
import type { StackConfig } from "../../schema";
import { eq, increased, POD_OR_ALL, rateRatioAbove, sel, targetDown } from "./queries";
import { SERVICES, STACK_JOBS } from "./targets";
import type { AlertRule, RuleGroup } from "./types";

/** The mixin's runbook anchors (mixin/alerts/add-runbook-links.libsonnet). */
export function thanosRunbook(alert: string): string {
    return `https://github.com/thanos-io/thanos/tree/main/mixin/runbook.md#alert-name-${alert.toLowerCase()}`;
}

/** How long the compactor may go without uploading a block before it counts as stuck (the mixin's 24h). */
export const COMPACTOR_SILENCE_HOURS = 24;

const service = SERVICES.thanos;
const matchers = (job: string, namespace: string) => [eq("job", job), eq("namespace", namespace)];

interface ThanosAlert {
    alert: string;
    severity: "warning" | "critical";
    expr: string;
    for: string;
    summary: string;
    description: string;
    /** Extra labels, after severity and service. */
    labels?: Record<string, string>;
    /** Only alerts the mixin has carry its runbook link. */
    runbook?: boolean;
}

/** One alert of the group, in the shape every Thanos alert here shares. */
function thanosAlert(a: ThanosAlert): AlertRule {
    return {
        alert: a.alert,
        expr: a.expr,
        for: a.for,
        labels: { severity: a.severity, service, ...a.labels },
        annotations: { summary: a.summary, description: a.description, ...(a.runbook === false ? {} : { runbook_url: thanosRunbook(a.alert) }) },
    };
}

export function thanosRules(config: StackConfig): RuleGroup[] {
    if (!config.prometheus.longTerm.enabled) {
        return [];
    }
    const ns = config.namespace;
    return [{
        name: "observability-stack.thanos",
        rules: [...sidecarRules(ns), ...compactorRules(ns), ...storeGatewayRules(ns), ...queryRules(config)],
    }];
}

/**
 * Uploads: the shipper retries a failed block on its next sync, but Prometheus deletes its
 * blocks after its own retention whether they were uploaded or not.
 */
function sidecarRules(ns: string): AlertRule[] {
    const m = matchers(STACK_JOBS.thanosSidecar, ns);
    return [thanosAlert({
        alert: "ThanosSidecarBucketOperationsFailed",
        severity: "warning",
        expr: `${increased(sel("thanos_shipper_upload_failures_total", m), ["namespace", "pod"], "15m")} or ${increased(sel("thanos_objstore_bucket_operation_failures_total", m), ["namespace", "pod"], "15m")}`,
        for: "15m",
        summary: "A Thanos sidecar fails to upload blocks to the object store.",
        description: "The sidecar of {{ $labels.pod }} had {{ $value | humanize }} failed uploads or bucket operations in 15 minutes; blocks it cannot upload are lost once Prometheus' retention deletes them. Check the endpoint, the bucket and the credentials Secret.",
    })];
}

function compactorRules(ns: string): AlertRule[] {
    const m = matchers(STACK_JOBS.thanosCompactor, ns);
    const lastUpload = `max by (namespace) (max_over_time(${sel("thanos_objstore_bucket_last_successful_upload_time", m)}[${COMPACTOR_SILENCE_HOURS}h]))`;
    const running = `max by (namespace) (${sel("process_start_time_seconds", m)})`;
    const hours = (t: string) => `(time() - ${t}) / 3600 > ${COMPACTOR_SILENCE_HOURS}`;
    return [
        thanosAlert({
            alert: "ThanosCompactIsDown", severity: "warning", expr: targetDown(m), for: "15m", summary: "The Thanos compactor is down.",
            description: `${POD_OR_ALL} of the compactor has not been scraped successfully for 15 minutes; while it is gone no block is compacted, downsampled or deleted by retention.`,
        }),
        thanosAlert({
            alert: "ThanosCompactMultipleRunning", severity: "warning", expr: `sum by (namespace) (${sel("up", m)}) > 1`, for: "5m", summary: "More than one Thanos compactor runs on the bucket.",
            description: "{{ $value }} compactors run in {{ $labels.namespace }}; concurrent compaction of one bucket corrupts it. Run exactly one.",
        }),
        thanosAlert({
            alert: "ThanosCompactHalted", severity: "warning", expr: `${sel("thanos_compact_halted", m)} == 1`, for: "5m", summary: "The Thanos compactor halted.",
            description: "{{ $labels.pod }} stopped after an error it cannot retry (often an overlapping or corrupt block); retention and downsampling stop until the cause is removed and the pod restarted. Read its log.",
        }),
        // The gauge starts at 0, so a compactor that has not yet run for a day is left alone.
        thanosAlert({
            alert: "ThanosCompactHasNotRun", severity: "warning", expr: `${hours(lastUpload)} and on (namespace) ${hours(running)}`, for: "0s",
            summary: `The Thanos compactor has uploaded nothing for ${COMPACTOR_SILENCE_HOURS} hours.`,
            description: `The compactor in {{ $labels.namespace }} has been up for over a day without one successful upload, although the sidecars upload a block every 2 hours; compaction, downsampling and retention are stuck.`,
        }),
    ];
}

/** The store gateway syncs the bucket's block list every 15 minutes (--sync-block-duration). */
function storeGatewayRules(ns: string): AlertRule[] {
    const m = matchers(STACK_JOBS.thanosStoreGateway, ns);
    return [
        thanosAlert({
            alert: "ThanosStoreBlockSyncFailing",
            severity: "warning",
            // Two failed syncs in an hour of about four: one failure is retried at the next. ">= 2",
            // since increase() extrapolates to the window's edges and makes one failure read 1.02.
            expr: `sum by (namespace, pod) (increase(${sel("thanos_blocks_meta_sync_failures_total", m)}[1h])) >= 2`,
            for: "15m",
            summary: "The Thanos store gateway cannot sync the bucket's blocks.",
            description: "{{ $labels.pod }} failed {{ $value | humanize }} block syncs in the last hour; queries over long ranges miss new blocks and fail on deleted ones.",
            runbook: false,
        }),
        thanosAlert({
            alert: "ThanosStoreBucketHighOperationFailures",
            severity: "warning",
            expr: rateRatioAbove(sel("thanos_objstore_bucket_operation_failures_total", m), sel("thanos_objstore_bucket_operations_total", m), ["namespace", "pod"], "5m", 0.05),
            for: "15m",
            summary: "The Thanos store gateway's bucket operations fail.",
            description: "{{ $value | humanizePercentage }} of {{ $labels.pod }}'s bucket operations fail; long-range queries return partial data or errors.",
        }),
    ];
}

/**
 * Query answers Grafana (the default datasource). Each of its pods should hold one gRPC
 * connection per Prometheus replica (sidecar) and per store gateway replica (store); a pod
 * with none of a kind has no series of that kind, so up == 1 stands in for it as 0.
 */
function queryRules(config: StackConfig): AlertRule[] {
    const m = matchers(STACK_JOBS.thanosQuery, config.namespace);
    const by = "sum by (namespace, pod)";
    const expected: [string, number][] = [["sidecar", config.prometheus.replicas], ["store", config.prometheus.longTerm.storeGateway.replicas]];
    const missing = expected.map(([type, count]) => thanosAlert({
        alert: "ThanosQueryMissingStoreEndpoints",
        severity: "warning",
        expr: `(${by} (${sel("thanos_store_nodes_grpc_connections", [...m, eq("store_type", type)])}) or ${by} (${sel("up", m)} == 1) * 0) < ${count}`,
        for: "15m",
        labels: { store_type: type },
        summary: `Thanos Query reaches fewer ${type === "sidecar" ? "Prometheus sidecars" : "store gateways"} than the stack runs.`,
        description: `{{ $labels.pod }} is connected to {{ $value }} of ${count} ${type} StoreAPIs; its answers miss ${type === "sidecar" ? "recent data of the unreachable replicas" : "the bucket's older data"}.`,
        runbook: false,
    }));
    return [
        thanosAlert({
            alert: "ThanosQueryIsDown", severity: "critical", expr: targetDown(m), for: "5m", summary: "Thanos Query is down.",
            description: `${POD_OR_ALL} of Thanos Query has not been scraped successfully for 5 minutes; Grafana's Prometheus datasource goes through it.`,
        }),
        ...missing,
    ];
}
