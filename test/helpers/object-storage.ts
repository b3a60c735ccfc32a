/**
 * Stack overrides that switch on the features behind the object store: long-term metrics
 * (Thanos) and distributed Loki, with the store they need. Tests add these to a stack file.
 */
import type { ConfigTree } from "../../components/presets";

/** An object store with both buckets; its keys stay in the Secret it names. */
export const OBJECT_STORAGE: ConfigTree = {
    objectStorage: {
        endpoint: "s3.storage.example.internal:9000",
        credentialsSecret: { name: "object-store-credentials" },
        buckets: { metrics: "thanos-metrics", logs: "loki-chunks" },
    },
};

/** prometheus.longTerm on, with the store. */
export const LONG_TERM: ConfigTree = { ...OBJECT_STORAGE, prometheus: { longTerm: { enabled: true } } };

/** loki.mode distributed, with the store. */
export const DISTRIBUTED_LOKI: ConfigTree = { ...OBJECT_STORAGE, loki: { mode: "distributed" } };

/** Both features at once. */
export const LONG_TERM_AND_DISTRIBUTED: ConfigTree = { ...OBJECT_STORAGE, prometheus: { longTerm: { enabled: true } }, loki: { mode: "distributed" } };
