/**
 * Stack overrides that switch on the features behind the object store: long-term metrics
 * (Thanos) and distributed Loki, with the store they need, as a site would write them. Tests add
 * these to a stack file.
 */
import { deepMerge } from "../../components/config";
import type { ConfigTree } from "../../components/presets";

/** The credentials Secret the overrides name; its values never reach the program. */
export const STORE_SECRET = "object-store-credentials";

/** An object store with both buckets; its keys stay in the Secret it names. */
export const OBJECT_STORAGE: ConfigTree = {
    objectStorage: {
        endpoint: "s3.storage.example.internal:9000",
        credentials: { name: STORE_SECRET },
        buckets: { metrics: "thanos-metrics", logs: "loki-chunks" },
    },
};

/** prometheus.longTerm on, with the store. */
export const LONG_TERM: ConfigTree = { ...OBJECT_STORAGE, prometheus: { longTerm: { enabled: true } } };

/** loki.mode distributed, with the store. */
export const DISTRIBUTED_LOKI: ConfigTree = { ...OBJECT_STORAGE, loki: { mode: "distributed" } };

/** Both features at once. */
export const LONG_TERM_AND_DISTRIBUTED: ConfigTree = { ...OBJECT_STORAGE, prometheus: { longTerm: { enabled: true } }, loki: { mode: "distributed" } };

/** `loki.mode: distributed` on the store, with `extra` merged over it. */
export function distributedLoki(extra: ConfigTree = {}): ConfigTree {
    return deepMerge(DISTRIBUTED_LOKI, extra);
}
