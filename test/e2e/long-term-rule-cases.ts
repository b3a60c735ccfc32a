/**
 * promtool scenarios for the prod stack with long-term metrics (Thanos) and distributed Loki:
 * the Thanos group and the Loki group, whose targets are one job per component in that mode.
 * Job names come from the rules' own STACK_JOBS and lokiComponentJob, as in rule-cases.ts.
 */
import { LOKI_METRIC_COMPONENTS, lokiComponentJob, STACK_JOBS } from "../../components/builders/rules/targets";
import { stackConfig } from "../helpers/config";
import { LONG_TERM_AND_DISTRIBUTED } from "../helpers/object-storage";
import { counterCases, gaugeCases, NS, ratioCases, RuleCase, series, Series, target, targetDownCases } from "./rule-cases";

/** The stack these scenarios are written for: prod (2 Prometheus, 2 store gateways) with both features. */
export const longTermStack = () => stackConfig("prod", LONG_TERM_AND_DISTRIBUTED);

/** The rule groups the scenarios cover. */
export const LONG_TERM_GROUPS = ["observability-stack.thanos", "observability-stack.loki"];

const thanos = (severity: string) => ({ severity, service: "thanos" });

function sidecarCases(): RuleCase[] {
    const sidecar = target(STACK_JOBS.thanosSidecar, "prometheus-kps-prometheus-0");
    const alert = "ThanosSidecarBucketOperationsFailed";
    return [
        ...counterCases(alert, "thanos_shipper_upload_failures_total", sidecar, ["namespace", "pod"], thanos("warning"), "30m"),
        {
            name: "fires when the sidecar's bucket operations fail", alert, severity: "warning", fires: true, evalTime: "30m",
            series: [series("thanos_objstore_bucket_operation_failures_total", { ...sidecar, bucket: "thanos-metrics", operation: "upload" }, "0+1x60")],
            expected: [{ namespace: NS, pod: sidecar.pod, ...thanos("warning") }],
        },
    ];
}

function compactorCases(): RuleCase[] {
    const compact = target(STACK_JOBS.thanosCompactor, "thanos-compact-0");
    const twin = target(STACK_JOBS.thanosCompactor, "thanos-compact-1");
    const neverUploaded = series("thanos_objstore_bucket_last_successful_upload_time", { ...compact, bucket: "thanos-metrics" }, "0x1560");
    // 26h of one-minute samples: time() is 93600 at the evaluation.
    const notRun = { alert: "ThanosCompactHasNotRun", severity: "warning", evalTime: "26h" };
    return [
        ...targetDownCases("ThanosCompactIsDown", compact, thanos("warning"), "20m"),
        { name: "fires when two compactors run", alert: "ThanosCompactMultipleRunning", severity: "warning", fires: true, evalTime: "15m", series: [series("up", compact, "1x20"), series("up", twin, "1x20")], expected: [{ namespace: NS, ...thanos("warning") }] },
        { name: "stays silent with one compactor", alert: "ThanosCompactMultipleRunning", severity: "warning", fires: false, evalTime: "15m", series: [series("up", compact, "1x20")], expected: [] },
        ...gaugeCases("ThanosCompactHalted", "thanos_compact_halted", compact, thanos("warning"), "30m", "1", "0"),
        { ...notRun, name: "fires when a compactor up for 26h never uploaded", fires: true, series: [neverUploaded, series("process_start_time_seconds", compact, "0x1560")], expected: [{ namespace: NS, ...thanos("warning") }] },
        { ...notRun, name: "stays silent when the last upload was an hour ago", fires: false, series: [series("thanos_objstore_bucket_last_successful_upload_time", { ...compact, bucket: "thanos-metrics" }, "0x1500 90000x60"), series("process_start_time_seconds", compact, "0x1560")], expected: [] },
        { ...notRun, name: "stays silent for a compactor started 2h ago that has not uploaded yet", fires: false, series: [neverUploaded, series("process_start_time_seconds", compact, "86400x1560")], expected: [] },
    ];
}

function storeGatewayCases(): RuleCase[] {
    const store = target(STACK_JOBS.thanosStoreGateway, "thanos-store-gateway-0");
    const sync = "ThanosStoreBlockSyncFailing";
    const ops = (metric: string) => [metric, { ...store, bucket: "thanos-metrics", operation: "get_range" }] as [string, Record<string, string>];
    return [
        { name: "fires when block syncs keep failing", alert: sync, severity: "warning", fires: true, evalTime: "45m", series: [series("thanos_blocks_meta_sync_failures_total", store, "0+1x60")], expected: [{ namespace: NS, pod: store.pod, ...thanos("warning") }] },
        { name: "stays silent after one failed sync in the hour", alert: sync, severity: "warning", fires: false, evalTime: "45m", series: [series("thanos_blocks_meta_sync_failures_total", store, "0x20 1x40")], expected: [] },
        ...ratioCases("ThanosStoreBucketHighOperationFailures", ops("thanos_objstore_bucket_operation_failures_total"), ops("thanos_objstore_bucket_operations_total"), ["namespace", "pod"], thanos("warning"), 10, 1),
    ];
}

function queryCases(): RuleCase[] {
    const query = target(STACK_JOBS.thanosQuery, "thanos-query-7d9f-x2x4q");
    const conns = (type: string, n: number): Series => series("thanos_store_nodes_grpc_connections", { ...query, external_labels: "", store_type: type }, `${n}x30`);
    const up = series("up", query, "1x30");
    const missing = { alert: "ThanosQueryMissingStoreEndpoints", severity: "warning", evalTime: "20m" };
    const labels = (type: string) => [{ namespace: NS, pod: query.pod, store_type: type, ...thanos("warning") }];
    return [
        ...targetDownCases("ThanosQueryIsDown", query, thanos("critical"), "10m"),
        { ...missing, name: "fires when Query reaches one of the two Prometheus sidecars", fires: true, series: [up, conns("sidecar", 1), conns("store", 2)], expected: labels("sidecar") },
        { ...missing, name: "fires when Query reaches no store gateway at all", fires: true, series: [up, conns("sidecar", 2)], expected: labels("store") },
        { ...missing, name: "stays silent while Query reaches every sidecar and store gateway", fires: false, series: [up, conns("sidecar", 2), conns("store", 2)], expected: [] },
    ];
}

/** Distributed Loki: every component is its own job; one component down or gone fires alone. */
function distributedLokiCases(): RuleCase[] {
    const loki = { severity: "critical", service: "loki" };
    const warning = { severity: "warning", service: "loki" };
    const pods = LOKI_METRIC_COMPONENTS.map((c) => target(lokiComponentJob(c), `${lokiComponentJob(c)}-0`));
    const ingester = pods[LOKI_METRIC_COMPONENTS.indexOf("ingester")];
    const distributor = pods[LOKI_METRIC_COMPONENTS.indexOf("distributor")];
    const upExcept = (t: typeof ingester, value: string | undefined) => pods.flatMap((p) => (p === t ? (value === undefined ? [] : [series("up", p, value)]) : [series("up", p, "1x30")]));
    const down = { alert: "LokiDown", severity: "critical", evalTime: "10m" };
    const requests = "loki_request_duration_seconds_count";
    const push = { ...distributor, route: "loki_api_v1_push" };
    return [
        { ...down, name: "fires for the one component whose target is down", fires: true, series: upExcept(ingester, "0x30"), expected: [{ ...ingester, ...loki }] },
        { ...down, name: "fires for the one component that has no target left", fires: true, series: upExcept(ingester, undefined), expected: [{ job: ingester.job, namespace: NS, ...loki }] },
        { ...down, name: "stays silent while every component is up", fires: false, series: upExcept(ingester, "1x30"), expected: [] },
        ...ratioCases("LokiRequestErrors", [requests, { ...push, status_code: "500" }], [requests, { ...push, status_code: "204" }], ["namespace", "route"], warning, 10, 1),
        ...counterCases("LokiDiscardingSamples", "loki_discarded_samples_total", distributor, ["namespace", "reason"], warning, "30m", { reason: "rate_limited" }),
        ...counterCases("LokiIngesterFlushFailures", "loki_ingester_chunks_flush_failures_total", ingester, ["namespace", "pod"], warning, "30m"),
    ];
}

export function longTermRuleCases(): RuleCase[] {
    return [...sidecarCases(), ...compactorCases(), ...storeGatewayCases(), ...queryCases(), ...distributedLokiCases()];
}
