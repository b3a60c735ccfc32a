/**
 * TSDB blocks for the long-term metrics check, and the blocks a bucket holds.
 *
 * Blocks are written with `promtool tsdb create-blocks-from openmetrics` into a Prometheus data
 * directory before Prometheus starts, instead of waiting for Prometheus to cut one: a head block
 * is cut only after 2h (--storage.tsdb.min-block-duration, which the operator leaves at its
 * default), and shortening it would change the Prometheus the operator runs. Backfilled blocks
 * are compaction level 1, the only level the sidecar's shipper uploads without
 * --shipper.upload-compacted, and can lie in the past, which the retention check needs.
 */
import * as fs from "fs";
import * as path from "path";
import { run, TOOLS } from "./tools";
import { getObject, listKeys, type S3Store } from "./s3-store";

export const HOUR_MS = 3_600_000;
/** promtool's default --max-block-duration: a range inside one 2h window gives one block. */
const BLOCK_MS = 2 * HOUR_MS;

/** A range of whole seconds inside one 2h block window, starting `agoMs` before now (rounded down to the window). */
export function blockWindow(agoMs: number, lengthMs: number, now = Date.now()): { start: number; end: number } {
    const start = Math.floor((now - agoMs) / BLOCK_MS) * BLOCK_MS + 10 * 60_000;
    if (lengthMs > BLOCK_MS - 20 * 60_000) {
        throw new Error("a window must fit in one 2h block");
    }
    return { start, end: start + lengthMs };
}

/** One gauge series, a sample every 30s over the window, in OpenMetrics text (timestamps in seconds). */
export function openMetrics(metric: string, labels: Record<string, string>, window: { start: number; end: number }, value: number): string {
    const set = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",");
    const lines = [`# TYPE ${metric} gauge`];
    for (let t = window.start; t <= window.end; t += 30_000) {
        lines.push(`${metric}{${set}} ${value} ${t / 1000}`);
    }
    return `${lines.join("\n")}\n# EOF\n`;
}

/** Writes the series into TSDB blocks under `dataDir` (promtool); throws with promtool's output on failure. */
export async function createBlocks(dir: string, dataDir: string, text: string): Promise<void> {
    fs.mkdirSync(dataDir, { recursive: true });
    const input = path.join(dir, `series-${path.basename(dataDir)}.om`);
    fs.writeFileSync(input, text);
    const r = await run(TOOLS.promtool, ["tsdb", "create-blocks-from", "openmetrics", input, dataDir], 60_000);
    if (r.code !== 0) {
        throw new Error(`promtool create-blocks-from openmetrics failed (${r.code}):\n${r.stdout}${r.stderr}`);
    }
}

/** What a block's meta.json in the bucket says, and whether the compactor marked it for deletion. */
export interface BucketBlock {
    ulid: string;
    minTime: number;
    maxTime: number;
    level: number;
    labels: Record<string, string>;
    source: string;
    markedForDeletion: boolean;
    files: string[];
}

/** The blocks in `bucket`: every <ULID>/meta.json, read through the S3 API. */
export async function bucketBlocks(store: S3Store, bucket: string): Promise<BucketBlock[]> {
    const keys = await listKeys(store, bucket);
    const ulids = keys.filter((k) => /^[0-9A-HJKMNP-TV-Z]{26}\/meta\.json$/.test(k)).map((k) => k.slice(0, 26));
    return Promise.all(ulids.map(async (ulid) => {
        const meta = JSON.parse(await getObject(store, bucket, `${ulid}/meta.json`));
        return {
            ulid,
            minTime: meta.minTime,
            maxTime: meta.maxTime,
            level: meta.compaction?.level,
            labels: meta.thanos?.labels ?? {},
            source: meta.thanos?.source,
            markedForDeletion: keys.includes(`${ulid}/deletion-mark.json`),
            files: keys.filter((k) => k.startsWith(`${ulid}/`)).map((k) => k.slice(27)),
        };
    }));
}
