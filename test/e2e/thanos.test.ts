/**
 * Long-term metrics (`prometheus.longTerm`) with the real binaries: two Prometheus replicas with
 * the Thanos sidecars the operator would give them, Thanos Query, Store Gateway and Compactor
 * as the thanos chart renders them with the program's values, all on one S3-compatible store
 * (versitygw) on 127.0.0.1. Blocks reach the bucket, the Store Gateway serves them, Query merges
 * the replicas, and the Compactor applies the configured raw retention.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import { THANOS_OBJSTORE_SECRET } from "../../components/builders/object-storage";
import type { StackConfig } from "../../components/schema";
import { CHARTS } from "../../components/versions";
import { stackConfig } from "../helpers/config";
import { Daemon } from "./helpers/daemon";
import { externalLabels, podNames } from "./helpers/operator-thanos";
import { chartRenderingMissing, type PodContext } from "./helpers/pod-spec";
import { createBucket, type S3Credentials, type S3Store, startS3Store } from "./helpers/s3-store";
import { chartCommand, chartObjstoreFile, endpointResolver, namespaceSecrets, type Rendered, renderLongTerm, replicaDirs, type Replica, startReplica } from "./helpers/thanos-stack";
import { startThanos } from "./helpers/thanos-processes";
import { blockWindow, bucketBlocks, createBlocks, HOUR_MS, openMetrics } from "./helpers/tsdb-blocks";
import { finishDir, freePort, httpText, missingTools, run, tempDir, TOOLS, waitFor } from "./helpers/tools";
import { durationHours } from "../../components/units";

const BUCKET = "thanos-metrics";
const METRIC = "thanos_e2e_probe";
/** The sidecar's shipper syncs every 30s (cmd/thanos/sidecar.go); a few rounds at most. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** Instant query through Thanos Query's Prometheus-compatible API; the result's label sets. */
async function querySeries(port: number, time: number, dedup: boolean): Promise<Record<string, string>[]> {
    const q = new URLSearchParams({ query: METRIC, time: String(time / 1000), dedup: String(dedup) });
    const body = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v1/query?${q}`));
    return (body.data.result as { metric: Record<string, string> }[]).map((r) => r.metric);
}

describe("long-term metrics: Thanos on an S3-compatible store, from the program's values", function () {
    this.timeout(600_000);
    const credentials: S3Credentials = { accessKeyId: randomBytes(10).toString("hex"), secretAccessKey: randomBytes(24).toString("base64url") };
    const recent = blockWindow(4 * HOUR_MS, HOUR_MS);
    let dir: string | undefined;
    let store: S3Store | undefined;
    let config: StackConfig;
    let rendered: Rendered;
    let ctx: PodContext;
    let objstoreFile: string;
    let replicas: Replica[] = [];
    const daemons: Daemon[] = [];

    before(async function () {
        const missing = [...missingTools("thanos", "versitygw", "prometheus", "promtool"), chartRenderingMissing(CHARTS.thanos, CHARTS.kubePrometheusStack)].filter((m) => m !== undefined);
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("thanos");
        const s3Port = await freePort();
        config = stackConfig("prod", {
            objectStorage: { endpoint: `127.0.0.1:${s3Port}`, insecure: true, pathStyle: true, credentials: { name: "thanos-e2e-s3" }, buckets: { metrics: BUCKET } },
            prometheus: { longTerm: { enabled: true } },
        });
        store = await startS3Store(path.join(dir, "s3"), s3Port, config.objectStorage!.region, credentials);
        await createBucket(store, BUCKET);
        rendered = renderLongTerm(config);
        ctx = { secrets: namespaceSecrets(config, credentials), fields: { "status.hostIP": "127.0.0.1" } };
        objstoreFile = chartObjstoreFile(rendered, ctx.secrets, dir);
    });

    after(async () => {
        await Promise.all([...daemons, ...replicas.flatMap((r) => [r.sidecar, r.prometheus])].map((d) => d.stop()));
        await store?.daemon.stop();
        finishDir(dir);
    });

    it("keeps the keys out of the objstore config: the components read them from the credentials Secret's env", async () => {
        const text = ctx.secrets[THANOS_OBJSTORE_SECRET.name][THANOS_OBJSTORE_SECRET.key];
        assert.ok(!text.includes(credentials.accessKeyId) && !text.includes(credentials.secretAccessKey) && !/access_key|secret_key/.test(text), text);
        // Without the env, the S3 client's chain (objstore providers/s3/s3.go: env, then
        // ~/.aws/credentials, then instance metadata) finds nothing and falls back to anonymous
        // requests: HOME is the test's empty dir, and the metadata lookup is sent to a closed
        // loopback port (AWS_CONTAINER_CREDENTIALS_FULL_URI, which minio-go's IAM provider
        // prefers) instead of 169.254.169.254, which a cloud CI runner may answer.
        const ls = (env: Record<string, string>) => run(TOOLS.thanos, ["tools", "bucket", "ls", `--objstore.config-file=${objstoreFile}`], 60_000, env);
        const denied = await ls({ HOME: dir!, AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${await freePort()}/` });
        assert.notStrictEqual(denied.code, 0, `listing without credentials succeeded:\n${denied.stderr}`);
        assert.match(denied.stderr, /Access Denied/, "the store refuses the unsigned request");
        const allowed = await ls({ HOME: dir!, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey });
        assert.strictEqual(allowed.code, 0, allowed.stderr);
    });

    it("uploads each replica's block to the bucket through its sidecar, labelled with the replica's external labels", async () => {
        for (const pod of podNames(rendered.prometheus)) {
            await createBlocks(dir!, replicaDirs(dir!, pod).dataDir, openMetrics(METRIC, { job: "probe" }, recent, 42));
            replicas.push(await startReplica(rendered, pod, dir!, ctx));
        }
        assert.strictEqual(replicas.length, 2, "the prod stack runs two Prometheus replicas");
        const blocks = await waitFor("both replicas' blocks in the bucket", async () => {
            const found = (await bucketBlocks(store!, BUCKET)).filter((b) => b.source === "sidecar");
            return found.length >= replicas.length ? found : undefined;
        }, UPLOAD_TIMEOUT_MS, 2_000);
        for (const r of replicas) {
            const mine = blocks.filter((b) => b.labels.prometheus_replica === r.pod);
            assert.strictEqual(mine.length, 1, `one block of ${r.pod}: ${JSON.stringify(blocks)}`);
            assert.deepStrictEqual(mine[0].labels, externalLabels(rendered.prometheus, r.pod));
            assert.ok(mine[0].files.includes("index") && mine[0].files.some((f) => f.startsWith("chunks/")), `${mine[0].files}`);
        }
    });

    it("serves the blocks through the Store Gateway, and Query merges the replicas only when asked to deduplicate", async () => {
        const [storeGrpc, storeHttp, query, queryGrpc] = [await freePort(), await freePort(), await freePort(), await freePort()];
        const sg = chartCommand(rendered, "thanos-store-gateway", { grpc: storeGrpc, http: storeHttp, dataDir: path.join(dir!, "store"), files: { "/etc/thanos/objstore.yaml": objstoreFile } }, { ...ctx, fields: { ...ctx.fields, "metadata.name": "thanos-store-gateway-0" } }, dir!);
        daemons.push(await startThanos("store-gateway", sg.args, sg.env, dir!, storeHttp));
        const blocksLoaded = /^thanos_bucket_store_blocks_loaded (\d+)$/m.exec(await httpText(`http://127.0.0.1:${storeHttp}/metrics`))?.[1];
        assert.strictEqual(blocksLoaded, String(replicas.length), "the Store Gateway loaded both blocks from the bucket");
        const endpoints = endpointResolver(rendered, `127.0.0.1:${storeGrpc}`, replicas.map((r) => `127.0.0.1:${r.grpc}`));
        const q = chartCommand(rendered, "thanos-query", { grpc: queryGrpc, http: query, endpoints }, ctx, dir!);
        daemons.push(await startThanos("query", q.args, q.env, dir!, query));
        const at = recent.start + 30 * 60_000;
        const both = await waitFor("Query to see both replicas", async () => ((await querySeries(query, at, false)).length === 2 ? true : undefined), 60_000, 1_000);
        assert.ok(both);
        // Now only the bucket holds the data: Query answers from the Store Gateway alone.
        await Promise.all(replicas.flatMap((r) => [r.sidecar.stop(), r.prometheus.stop()]));
        const raw = await querySeries(query, at, false);
        assert.deepStrictEqual(raw.map((m) => m.prometheus_replica).sort(), replicas.map((r) => r.pod).sort(), "dedup=false keeps one series per replica");
        const merged = await querySeries(query, at, true);
        assert.strictEqual(merged.length, 1, `dedup=true merges the replicas: ${JSON.stringify(merged)}`);
        assert.strictEqual(merged[0].prometheus_replica, undefined);
        assert.strictEqual(merged[0].cluster, config.cluster.name);
    });

    it("applies retention.raw when the Compactor runs: an older block is marked for deletion, a newer one kept", async () => {
        const rawHours = durationHours(config.prometheus.longTerm.retention.raw);
        const old = blockWindow((rawHours + 7 * 24) * HOUR_MS, HOUR_MS);
        const oldDir = path.join(dir!, "old-blocks");
        await createBlocks(dir!, oldDir, openMetrics(METRIC, { job: "probe" }, old, 7));
        const labels = externalLabels(rendered.prometheus, replicas[0].pod);
        const compact = chartCommand(rendered, "thanos-compact", { http: await freePort(), dataDir: path.join(dir!, "compact"), files: { "/etc/thanos/objstore.yaml": objstoreFile } }, { ...ctx, fields: { ...ctx.fields, "metadata.name": "thanos-compact-0" } }, dir!);
        // A block from before the retention window, as a replica's sidecar uploaded it back then:
        // same labels, same shipper (the bucket tool's upload-blocks), with the chart's env.
        const upload = await run(TOOLS.thanos, ["tools", "bucket", "upload-blocks", `--objstore.config-file=${objstoreFile}`, `--path=${oldDir}`,
            ...Object.entries(labels).map(([k, v]) => `--label=${k}=${JSON.stringify(v)}`)], 60_000, compact.env);
        assert.strictEqual(upload.code, 0, upload.stderr);
        // One pass instead of the chart's loop (--wait), and blocks seen at once: the compactor
        // leaves blocks younger than --consistency-delay (30m) alone, and these are minutes old.
        assert.ok(compact.args.includes("--wait"), `the chart runs the compactor as a loop: ${compact.args.join(" ")}`);
        const args = [...compact.args.filter((a) => a !== "--wait"), "--consistency-delay=0s"];
        const r = await run(TOOLS.thanos, args, 300_000, compact.env);
        assert.strictEqual(r.code, 0, `the compactor failed:\n${r.stderr.split("\n").slice(-30).join("\n")}`);
        const blocks = await bucketBlocks(store!, BUCKET);
        const covers = (b: { minTime: number; maxTime: number }, t: number) => b.minTime <= t && t < b.maxTime;
        const oldBlocks = blocks.filter((b) => covers(b, old.start));
        assert.ok(oldBlocks.length > 0 && oldBlocks.every((b) => b.markedForDeletion), `the old block is marked: ${JSON.stringify(oldBlocks)}`);
        const kept = blocks.filter((b) => covers(b, recent.start) && !b.markedForDeletion);
        assert.strictEqual(kept.length, 1, `one block of the last hours stays: ${JSON.stringify(blocks)}`);
        // The replicas' two blocks became one (vertical compaction on the replica label); the
        // marked blocks stay in the bucket for --delete-delay (48h by default) before removal.
        assert.strictEqual(kept[0].labels.prometheus_replica, undefined, `the compactor merged the replicas: ${JSON.stringify(kept[0])}`);
    });
});
