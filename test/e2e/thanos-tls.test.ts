/**
 * objectStorage.caBundle with the real binaries: versitygw serves TLS on 127.0.0.1 with a
 * certificate signed by a CA the test makes, and Thanos reads the bucket with the objstore
 * config the program builds, through the CA file the rendered sidecar, Store Gateway and
 * Compactor mount from the site's ConfigMap. In the pod that file is
 * /etc/observability/object-store-ca/ca.crt; here the same bytes sit in the test's directory and
 * the objstore config names them there instead, the one rewrite (thanos-stack.ts localCaFile
 * finds them through the rendered mount and volume, so a wrong path, mount or key fails). Without
 * the CA, or with another CA, the same client refuses the store's certificate.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { THANOS_OBJSTORE_SECRET } from "../../components/builders/object-storage";
import type { StackConfig } from "../../components/schema";
import { CHARTS } from "../../components/versions";
import { stackConfig } from "../helpers/config";
import { Daemon } from "./helpers/daemon";
import { externalLabels, podNames } from "./helpers/operator-thanos";
import { chartRenderingMissing, findContainer, type PodContext } from "./helpers/pod-spec";
import { createBucket, type S3Credentials, type S3Store, startS3Store } from "./helpers/s3-store";
import { makeTestCa, opensslMissing, type TestCa } from "./helpers/test-ca";
import { chartCommand, chartObjstoreFile, type ConfigMaps, containerEnv, namespaceSecrets, type Rendered, renderLongTerm, replicaDirs, startReplica } from "./helpers/thanos-stack";
import { startThanos } from "./helpers/thanos-processes";
import { blockWindow, bucketBlocks, createBlocks, HOUR_MS, openMetrics } from "./helpers/tsdb-blocks";
import { finishDir, freePort, httpText, missingTools, run, tempDir, TOOLS, waitFor } from "./helpers/tools";

const BUCKET = "thanos-metrics";
const CA_CONFIGMAP = { name: "object-store-ca", key: "ca.crt" };
/** The sidecar's shipper syncs every 30s (cmd/thanos/sidecar.go); a few rounds at most. */
const UPLOAD_TIMEOUT_MS = 120_000;
/** Go's verdict on a chain that ends in no trusted root (crypto/x509 UnknownAuthorityError). */
const UNKNOWN_AUTHORITY = /x509: certificate signed by unknown authority/;

describe("long-term metrics on a store behind a private CA: Thanos over TLS with objectStorage.caBundle", function () {
    this.timeout(600_000);
    const credentials: S3Credentials = { accessKeyId: randomBytes(10).toString("hex"), secretAccessKey: randomBytes(24).toString("base64url") };
    let dir: string | undefined;
    let ca: TestCa;
    let store: S3Store | undefined;
    let config: StackConfig;
    let rendered: Rendered;
    let ctx: PodContext;
    let configMaps: ConfigMaps;
    const daemons: Daemon[] = [];

    /** `thanos tools bucket ls` with `objstoreFile` and the rendered Compactor's env (the keys): exit code and output. */
    const bucketLs = (objstoreFile: string) => {
        const env = containerEnv(findContainer(rendered.thanos, "thanos-compact").container, { ...ctx, fields: { ...ctx.fields, "metadata.name": "thanos-compact-0" } }, dir!);
        return run(TOOLS.thanos, ["tools", "bucket", "ls", `--objstore.config-file=${objstoreFile}`], 60_000, env);
    };

    /** The program's objstore config with its ca_file pointing at `caFile`, or without http_config when undefined. */
    const objstoreWith = (caFile: string | undefined, name: string): string => {
        const doc = YAML.parse(ctx.secrets[THANOS_OBJSTORE_SECRET.name][THANOS_OBJSTORE_SECRET.key]);
        if (caFile === undefined) {
            delete doc.config.http_config;
        } else {
            doc.config.http_config.tls_config.ca_file = caFile;
        }
        const file = path.join(dir!, `${name}.yaml`);
        fs.writeFileSync(file, YAML.stringify(doc), { mode: 0o600 });
        return file;
    };

    before(async function () {
        const missing = [...missingTools("thanos", "versitygw", "prometheus", "promtool"), chartRenderingMissing(CHARTS.thanos, CHARTS.kubePrometheusStack), await opensslMissing()].filter((m) => m !== undefined);
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("thanos-tls");
        ca = await makeTestCa(dir, "store");
        const s3Port = await freePort();
        config = stackConfig("prod", {
            objectStorage: { endpoint: `127.0.0.1:${s3Port}`, insecure: false, pathStyle: true, credentials: { name: "thanos-e2e-s3" }, buckets: { metrics: BUCKET }, caBundle: CA_CONFIGMAP },
            prometheus: { longTerm: { enabled: true } },
        });
        store = await startS3Store(path.join(dir, "s3"), s3Port, config.objectStorage!.region, credentials, { certFile: ca.certFile, keyFile: ca.keyFile, ca: ca.caPem });
        await createBucket(store, BUCKET);
        rendered = renderLongTerm(config);
        ctx = { secrets: namespaceSecrets(config, credentials), fields: { "status.hostIP": "127.0.0.1" } };
        configMaps = { [CA_CONFIGMAP.name]: { [CA_CONFIGMAP.key]: ca.caPem } };
    });

    after(async () => {
        await Promise.all(daemons.map((d) => d.stop()));
        await store?.daemon.stop();
        finishDir(dir);
    });

    it("refuses the store's certificate without the CA, and with another CA, as x509 unknown authority", async () => {
        const without = await bucketLs(objstoreWith(undefined, "objstore-without-ca"));
        assert.notStrictEqual(without.code, 0, `listing without the CA succeeded:\n${without.stdout}`);
        assert.match(without.stderr, UNKNOWN_AUTHORITY);
        const other = await makeTestCa(dir!, "other");
        const otherFile = path.join(dir!, "other-ca.crt");
        fs.writeFileSync(otherFile, other.caPem);
        const wrong = await bucketLs(objstoreWith(otherFile, "objstore-other-ca"));
        assert.notStrictEqual(wrong.code, 0, `listing with another CA succeeded:\n${wrong.stdout}`);
        assert.match(wrong.stderr, UNKNOWN_AUTHORITY);
    });

    it("lists the bucket with the program's objstore config and the CA the Compactor mounts from the ConfigMap", async () => {
        const text = ctx.secrets[THANOS_OBJSTORE_SECRET.name][THANOS_OBJSTORE_SECRET.key];
        assert.match(text, /ca_file: \/etc\/observability\/object-store-ca\/ca\.crt/, "the Secret names the path in the pod");
        const file = chartObjstoreFile(rendered, ctx.secrets, dir!, configMaps, "thanos-compact");
        const local = YAML.parse(fs.readFileSync(file, "utf8")).config.http_config.tls_config.ca_file;
        assert.strictEqual(fs.readFileSync(local, "utf8"), ca.caPem, "the mount leads to the ConfigMap's key");
        const ls = await bucketLs(file);
        assert.strictEqual(ls.code, 0, ls.stderr);
        assert.doesNotMatch(ls.stderr, UNKNOWN_AUTHORITY);
    });

    it("has the sidecar upload its replica's block over TLS with the CA the Prometheus CR mounts in it", async () => {
        const pod = podNames(rendered.prometheus)[0];
        await createBlocks(dir!, replicaDirs(dir!, pod).dataDir, openMetrics("thanos_tls_probe", { job: "probe" }, blockWindow(4 * HOUR_MS, HOUR_MS), 1));
        const replica = await startReplica(rendered, pod, dir!, ctx, configMaps);
        daemons.push(replica.sidecar, replica.prometheus);
        const blocks = await waitFor("the sidecar's block in the bucket", async () => {
            const found = (await bucketBlocks(store!, BUCKET)).filter((b) => b.source === "sidecar");
            return found.length > 0 ? found : undefined;
        }, UPLOAD_TIMEOUT_MS, 2_000);
        assert.strictEqual(blocks[0].labels.prometheus_replica, pod);
        assert.doesNotMatch(replica.sidecar.logTail(), UNKNOWN_AUTHORITY);
    });

    it("uploads a block over TLS and the Store Gateway, as the chart runs it, loads it with the CA it mounts", async () => {
        const objstoreFile = chartObjstoreFile(rendered, ctx.secrets, dir!, configMaps, "thanos-store-gateway");
        const blocksDir = path.join(dir!, "blocks");
        await createBlocks(dir!, blocksDir, openMetrics("thanos_tls_probe", { job: "probe" }, blockWindow(4 * HOUR_MS, HOUR_MS), 1));
        const labels = externalLabels(rendered.prometheus, podNames(rendered.prometheus)[1]);
        const [grpc, http] = [await freePort(), await freePort()];
        const sg = chartCommand(rendered, "thanos-store-gateway", { grpc, http, dataDir: path.join(dir!, "store"), files: { "/etc/thanos/objstore.yaml": objstoreFile } }, { ...ctx, fields: { ...ctx.fields, "metadata.name": "thanos-store-gateway-0" } }, dir!);
        const upload = await run(TOOLS.thanos, ["tools", "bucket", "upload-blocks", `--objstore.config-file=${objstoreFile}`, `--path=${blocksDir}`,
            ...Object.entries(labels).map(([k, v]) => `--label=${k}=${JSON.stringify(v)}`)], 60_000, sg.env);
        assert.strictEqual(upload.code, 0, upload.stderr);
        // The test's own client reads the bucket over HTTPS too, trusting only the same CA.
        const blocks = await bucketBlocks(store!, BUCKET);
        assert.deepStrictEqual(blocks.map((b) => b.labels.prometheus_replica).sort(), podNames(rendered.prometheus), "the sidecar's block and this one");
        daemons.push(await startThanos("store-gateway", sg.args, sg.env, dir!, http));
        const loaded = /^thanos_bucket_store_blocks_loaded (\d+)$/m.exec(await httpText(`http://127.0.0.1:${http}/metrics`))?.[1];
        assert.strictEqual(loaded, String(blocks.length), "the Store Gateway loaded both blocks from the TLS store");
    });
});
