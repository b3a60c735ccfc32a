import * as assert from "assert";
import { stackRuleGroups } from "../../../components/builders/rules/stack";
import { thanosRules } from "../../../components/builders/rules/thanos";
import type { AlertRule } from "../../../components/builders/rules/types";
import { stackConfig } from "../../helpers/config";
import { DISTRIBUTED_LOKI, LONG_TERM, LONG_TERM_AND_DISTRIBUTED } from "../../helpers/object-storage";

const rulesOf = (groups: { rules: AlertRule[] }[]) => groups.flatMap((g) => g.rules);
const named = (rules: AlertRule[], alert: string) => {
    const found = rules.filter((r) => r.alert === alert);
    assert.ok(found.length > 0, `no rule ${alert}`);
    return found;
};

describe("long-term metrics rules (Thanos)", () => {
    const rules = rulesOf(thanosRules(stackConfig("prod", LONG_TERM)));

    it("adds no Thanos group to a stack without prometheus.longTerm", () => {
        assert.deepStrictEqual(thanosRules(stackConfig("prod")), []);
        assert.ok(!stackRuleGroups(stackConfig("prod")).some((g) => g.name.includes("thanos")));
    });

    it("puts the Thanos group before the volumes group when longTerm is on", () => {
        const names = stackRuleGroups(stackConfig("prod", LONG_TERM)).map((g) => g.name);
        assert.deepStrictEqual(names.slice(-2), ["observability-stack.thanos", "observability-stack.volumes"]);
    });

    it("watches uploads, the compactor, the store gateway and Query", () => {
        assert.deepStrictEqual([...new Set(rules.map((r) => r.alert))], [
            "ThanosSidecarBucketOperationsFailed",
            "ThanosCompactIsDown",
            "ThanosCompactMultipleRunning",
            "ThanosCompactHalted",
            "ThanosCompactHasNotRun",
            "ThanosStoreBlockSyncFailing",
            "ThanosStoreBucketHighOperationFailures",
            "ThanosQueryIsDown",
            "ThanosQueryMissingStoreEndpoints",
        ]);
    });

    it("selects each component by the job its ServiceMonitor gives it, in the stack namespace", () => {
        const jobs: Record<string, string> = {
            ThanosSidecarBucketOperationsFailed: "kps-thanos-discovery",
            ThanosCompactHalted: "thanos-compact",
            ThanosStoreBlockSyncFailing: "thanos-store-gateway",
            ThanosQueryIsDown: "thanos-query",
        };
        for (const [alert, job] of Object.entries(jobs)) {
            assert.match(named(rules, alert)[0].expr, new RegExp(`job="${job}", namespace="monitoring"`), alert);
        }
        assert.match(rulesOf(thanosRules(stackConfig("prod", { ...LONG_TERM, namespace: "obs" })))[0].expr, /namespace="obs"/);
    });

    it("reads Thanos v0.42's metric names", () => {
        const expr = (alert: string) => named(rules, alert).map((r) => r.expr).join(" ");
        assert.match(expr("ThanosSidecarBucketOperationsFailed"), /thanos_shipper_upload_failures_total.*thanos_objstore_bucket_operation_failures_total/);
        assert.match(expr("ThanosCompactHalted"), /^thanos_compact_halted\{.*\} == 1$/);
        assert.match(expr("ThanosCompactHasNotRun"), /thanos_objstore_bucket_last_successful_upload_time.*\[24h\].*process_start_time_seconds/);
        assert.match(expr("ThanosStoreBlockSyncFailing"), /increase\(thanos_blocks_meta_sync_failures_total\{.*\}\[1h\]\)\) >= 2$/);
        assert.match(expr("ThanosQueryMissingStoreEndpoints"), /thanos_store_nodes_grpc_connections/);
    });

    it("expects as many sidecar and store connections as the stack runs Prometheus and store gateway replicas", () => {
        const config = stackConfig("prod", { ...LONG_TERM, prometheus: { replicas: 3, longTerm: { enabled: true, storeGateway: { replicas: 4 } } } });
        const missing = named(rulesOf(thanosRules(config)), "ThanosQueryMissingStoreEndpoints");
        assert.deepStrictEqual(missing.map((r) => [r.labels.store_type, r.expr.match(/< (\d+)$/)?.[1]]), [["sidecar", "3"], ["store", "4"]]);
    });

    it("links the Thanos mixin's runbook for the alerts the mixin has", () => {
        assert.strictEqual(named(rules, "ThanosCompactHalted")[0].annotations.runbook_url, "https://github.com/thanos-io/thanos/tree/main/mixin/runbook.md#alert-name-thanoscompacthalted");
        assert.strictEqual(named(rules, "ThanosStoreBlockSyncFailing")[0].annotations.runbook_url, undefined);
    });

    it("routes every Thanos alert as service thanos, paging only when Query (Grafana's datasource) is down", () => {
        assert.ok(rules.every((r) => r.labels.service === "thanos"));
        assert.deepStrictEqual(rules.filter((r) => r.labels.severity === "critical").map((r) => r.alert), ["ThanosQueryIsDown"]);
    });
});

describe("Loki rules by loki.mode", () => {
    const loki = (overrides = {}) => rulesOf(stackRuleGroups(stackConfig("prod", overrides)).filter((g) => g.name === "observability-stack.loki"));

    it("selects the single binary's job in monolithic mode", () => {
        for (const r of loki()) {
            assert.match(r.expr, /job="loki", namespace="monitoring"/, r.alert);
        }
    });

    it("watches every distributed component but the nginx gateway, and fires for a component that is gone", () => {
        const down = named(loki(DISTRIBUTED_LOKI), "LokiDown")[0].expr;
        assert.match(down, /^up\{job=~"loki-distributor\|loki-ingester\|loki-querier\|loki-query-frontend\|loki-query-scheduler\|loki-compactor\|loki-index-gateway\|loki-ruler", namespace="monitoring"\} == 0 or /);
        assert.strictEqual(down.match(/absent\(up\{job="loki-[a-z-]+", namespace="monitoring"\}\)/g)?.length, 8);
        assert.ok(!down.includes("loki-gateway\""));
    });

    it("alerts on ingester flush failures in both modes, from the ingesters only", () => {
        assert.match(named(loki(), "LokiIngesterFlushFailures")[0].expr, /increase\(loki_ingester_chunks_flush_failures_total\{job="loki", namespace="monitoring"\}\[15m\]\)/);
        assert.match(named(loki(LONG_TERM_AND_DISTRIBUTED), "LokiIngesterFlushFailures")[0].expr, /loki_ingester_chunks_flush_failures_total\{job="loki-ingester", namespace="monitoring"\}/);
    });
});
