/** Config overrides that put a stack on an S3-compatible store, as a site would write them. */
import { deepMerge } from "../../components/config";
import type { ConfigTree } from "../../components/presets";

/** The credentials Secret the overrides name; its values never reach the program. */
export const STORE_SECRET = "object-store-credentials";

/** `objectStorage` with a logs bucket and `loki.mode: distributed`, with `extra` merged over them. */
export function distributedLoki(extra: ConfigTree = {}): ConfigTree {
    const base: ConfigTree = {
        objectStorage: { endpoint: "s3.storage.example.internal:9000", credentials: { name: STORE_SECRET }, buckets: { logs: "loki-chunks" } },
        loki: { mode: "distributed" },
    };
    return deepMerge(base, extra);
}
