import { strict as assert } from "assert";
import { stackHealthDashboard } from "../../../components/builders/dashboards/stack-health";
import { stackConfig } from "../../helpers/config";
import { DISTRIBUTED_LOKI, LONG_TERM, LONG_TERM_AND_DISTRIBUTED } from "../../helpers/object-storage";
import { dashboardQueryErrors, exprsOf, panelNamed } from "./query-syntax";

const build = (stack: string, overrides = {}) => stackHealthDashboard(stackConfig(stack, overrides)).build();
const titles = (model: ReturnType<typeof build>) => (model.panels ?? []).map((p) => p.title);
const NOTE = "Retention from the stack config";

/** The panels of a stack without the object-store features, as they were before those existed. */
const BASE_TITLES = [
    "Components up", "Prometheus up", "Alertmanager up", "Loki up", "Promtail up", "Event exporter up",
    "Ingestion", "Prometheus samples appended", "Loki bytes received", "Loki lines received", "Promtail entries sent and dropped", "Events sent and send errors",
    "Volumes", "Volume usage", "Volume used bytes",
    "Retention", "Prometheus retention time", "Prometheus retention size", "Prometheus TSDB size", NOTE,
];

describe("stack health dashboard with long-term metrics and distributed Loki", () => {
    const prod = build("prod");

    it("keeps the panels of a stack without either feature", () => {
        assert.deepEqual(titles(prod), BASE_TITLES);
        assert.deepEqual(titles(build("dev")), BASE_TITLES);
    });

    it("appends the Thanos section after the existing panels, which stay as they are but the retention note", () => {
        const longTerm = build("prod", LONG_TERM);
        const before = prod.panels ?? [];
        assert.deepEqual((longTerm.panels ?? []).slice(0, before.length).map((p) => p.title), titles(prod));
        before.forEach((p, i) => p.title === NOTE || assert.equal(JSON.stringify(longTerm.panels?.[i]), JSON.stringify(p), p.title));
        assert.equal(longTerm.panels?.[before.length].title, "Long-term metrics (Thanos)");
    });

    it("shows each Thanos component up, the compactor's state, uploads, syncs, bucket operations and Query's connections", () => {
        const model = build("prod", LONG_TERM);
        const up: Record<string, string> = {
            "Thanos sidecars up": 'job=~"kps-thanos-discovery"',
            "Thanos Query up": 'job=~"thanos-query"',
            "Store gateway up": 'job=~"thanos-store-gateway"',
            "Compactor up": 'job=~"thanos-compact"',
        };
        for (const [title, job] of Object.entries(up)) {
            assert.ok(exprsOf(model, title)[0].includes(job), title);
        }
        assert.match(exprsOf(model, "Compactor halted")[0], /^max\(thanos_compact_halted\{/);
        assert.match(exprsOf(model, "Since the compactor's last upload")[0], /thanos_objstore_bucket_last_successful_upload_time/);
        assert.match(exprsOf(model, "Sidecar block uploads").join(" "), /thanos_shipper_uploads_total.*thanos_shipper_upload_failures_total/);
        assert.match(exprsOf(model, "Store gateway block syncs").join(" "), /thanos_blocks_meta_syncs_total.*thanos_blocks_meta_sync_failures_total/);
        assert.match(exprsOf(model, "Bucket operations by component")[0], /sum by \(job, operation\) \(rate\(thanos_objstore_bucket_operations_total\{namespace="monitoring", job=~"kps-thanos-discovery\|thanos-query\|thanos-store-gateway\|thanos-compact"\}/);
        assert.match(exprsOf(model, "Query's StoreAPI connections")[0], /thanos_store_nodes_grpc_connections/);
    });

    it("fills the Thanos row of stats across the 24 grid columns", () => {
        const stats = ["Thanos sidecars up", "Thanos Query up", "Store gateway up", "Compactor up", "Compactor halted", "Since the compactor's last upload"];
        assert.equal(stats.map((t) => panelNamed(build("prod", LONG_TERM), t).gridPos.w).reduce((a: number, b: number) => a + b, 0), 24);
    });

    it("states the bucket's retention per resolution in the retention note", () => {
        const note = panelNamed(build("prod", LONG_TERM), NOTE).options.content as string;
        assert.match(note, /\| Thanos bucket \(raw \/ 5m \/ 1h\) \| 90d \/ 365d \/ 730d \(compactor\) \| object store \| `observability:prometheus.longTerm.retention` \|/);
        assert.doesNotMatch(panelNamed(prod, NOTE).options.content as string, /Thanos/);
    });

    it("watches every distributed Loki component, and reads Loki's ingestion from their jobs", () => {
        const model = build("prod", DISTRIBUTED_LOKI);
        assert.match(exprsOf(model, "Loki up")[0], /job=~"loki-distributor\|loki-ingester\|.*\|loki-ruler"/);
        assert.match(exprsOf(model, "Loki bytes received")[0], /loki_distributor_bytes_received_total\{namespace="monitoring", job=~"loki-distributor\|/);
        const components = ["Distributor", "Ingester", "Querier", "Query frontend", "Query scheduler", "Compactor", "Index gateway", "Ruler"];
        for (const c of components) {
            assert.ok(exprsOf(model, `${c} up`)[0].includes(`job=~"loki-${c.toLowerCase().replace(" ", "-")}"`), c);
        }
        assert.equal(components.map((c) => panelNamed(model, `${c} up`).gridPos.w).reduce((a: number, b: number) => a + b, 0), 24);
    });

    it("graphs requests and errors per Loki component and the ingesters' flushes and streams", () => {
        const model = build("prod", DISTRIBUTED_LOKI);
        assert.match(exprsOf(model, "Loki server errors by component")[0], /sum by \(job\) \(rate\(loki_request_duration_seconds_count\{namespace="monitoring", job=~"[^"]+", status_code=~"5\.\."\}/);
        assert.match(exprsOf(model, "Ingester chunk flushes").join(" "), /loki_ingester_chunks_flushed_total\{namespace="monitoring", job=~"loki-ingester"\}.*loki_ingester_chunks_flush_failures_total/);
        assert.match(exprsOf(model, "Ingester streams in memory")[0], /loki_ingester_memory_streams/);
        assert.match(panelNamed(model, NOTE).options.content as string, /\| Loki \| 30d \(limits_config.retention_period\) \| object store \|/);
    });

    it("leaves out the per-component Loki section for the single binary and the Thanos section without longTerm", () => {
        assert.throws(() => panelNamed(build("prod", LONG_TERM), "Loki components"), /no panel/);
        assert.throws(() => panelNamed(build("prod", DISTRIBUTED_LOKI), "Long-term metrics (Thanos)"), /no panel/);
    });

    it("writes every query of both sections so that the PromQL parser accepts it", () => {
        assert.deepEqual(dashboardQueryErrors(build("prod", LONG_TERM_AND_DISTRIBUTED)), []);
    });
});
