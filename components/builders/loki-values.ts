/**
 * Helm values for the grafana-community `loki` chart (18.x, Loki 3.7). `loki.mode: monolithic`:
 * one Loki on a filesystem PVC; `distributed`: the chart's Distributed mode on the object store
 * (builders/loki/distributed.ts). Either way retention is enforced by the compactor and the ruler
 * sends to Alertmanager. Pure: a function of the stack config, so tests and the render tier see
 * exactly what the program installs.
 */
import type { ObjectStorageConfig, StackConfig } from "../schema";
import { LOKI_INDEX_PERIOD_HOURS } from "../schema/logs";
import { alertmanagerUrl, RELEASES } from "./endpoints";
import { pullSecrets } from "./images";
import { distributedComponents, distributedServerOverrides, replicationFactor } from "./loki/distributed";
import { gomemlimitEnv, LOKI_RULES_VOLUME, LOKI_SCHEMA_FROM, LOKI_SINGLE_TENANT, RULES_DIR } from "./loki/shared";

export { LOKI_RULES_CONFIGMAP, LOKI_SCHEMA_FROM, LOKI_SINGLE_TENANT } from "./loki/shared";

/** Where the single binary keeps everything; the chart mounts the PVC at /var/loki. */
const DATA_DIR = "/var/loki";

/** One schema period from LOKI_SCHEMA_FROM on: TSDB index v13, chunks on the filesystem. */
const SCHEMA = {
    configs: [{
        from: LOKI_SCHEMA_FROM,
        store: "tsdb",
        object_store: "filesystem",
        schema: "v13",
        index: { prefix: "loki_index_", period: `${LOKI_INDEX_PERIOD_HOURS}h` },
    }],
};

/**
 * Retention is the compactor's job (the table manager is deprecated); with retention on, Loki 3
 * refuses to start without a delete-request store.
 */
const COMPACTOR = {
    working_directory: `${DATA_DIR}/compactor`,
    compaction_interval: "10m",
    retention_enabled: true,
    retention_delete_delay: "2h",
    delete_request_store: "filesystem",
};

/** limits_config: retention and ingestion limits from `loki.*` (merged over the chart's defaults). */
function limits(loki: StackConfig["loki"]): Record<string, unknown> {
    return {
        retention_period: loki.retention,
        ingestion_rate_mb: loki.ingestion.rateMb,
        ingestion_burst_size_mb: loki.ingestion.burstMb,
        max_global_streams_per_user: loki.ingestion.maxStreamsPerUser,
        reject_old_samples: true,
        reject_old_samples_max_age: loki.ingestion.rejectOldSamplesMaxAge,
    };
}

/** The ruler: rule files from the mounted ConfigMap, alerts to the stack's Alertmanager. */
function ruler(namespace: string): Record<string, unknown> {
    return {
        alertmanager_url: alertmanagerUrl(namespace),
        enable_api: true,
        storage: { type: "local", local: { directory: RULES_DIR } },
        rule_path: `${DATA_DIR}/rules-temp`,
        wal: { dir: `${DATA_DIR}/ruler-wal` },
    };
}

/** The bucket distributed mode stores logs in; validation (checkObjectStorage) guarantees it. */
function logStore(config: StackConfig): ObjectStorageConfig {
    if (config.objectStorage?.buckets.logs === undefined) {
        throw new Error("observability:objectStorage.buckets.logs: expected a bucket name such as loki-chunks when loki.mode is distributed");
    }
    return config.objectStorage;
}

/** The Loki config blocks the chart merges into its templated config (values `loki.*`). */
export function lokiServerConfig(config: StackConfig): Record<string, unknown> {
    if (config.loki.mode === "distributed") {
        return distributedServerConfig(config);
    }
    return {
        // Single tenant: every client writes and reads tenant "fake". Access is limited by the
        // NetworkPolicy (prod), not by tenant headers; put an authenticating proxy in front of
        // Loki before exposing it outside the namespace.
        auth_enabled: false,
        commonConfig: { replication_factor: 1, path_prefix: DATA_DIR },
        storage: { type: "filesystem" },
        schemaConfig: SCHEMA,
        compactor: COMPACTOR,
        limits_config: limits(config.loki),
        rulerConfig: ruler(config.namespace),
    };
}

/**
 * Distributed mode: the same tenant, limits, retention and rules; the object store instead of
 * the filesystem, and as many copies of each write as there are ingesters, up to 3.
 */
function distributedServerConfig(config: StackConfig): Record<string, unknown> {
    return {
        auth_enabled: false,
        commonConfig: { replication_factor: replicationFactor(config), path_prefix: DATA_DIR },
        ...distributedServerOverrides(logStore(config)),
        // Delete requests live in the bucket with the index, so any compactor pod finds them.
        compactor: { ...COMPACTOR, delete_request_store: "s3" },
        limits_config: limits(config.loki),
        // Sharded over the ruler ring (memberlist), so each rule group runs on one ruler, not on all.
        rulerConfig: { ...ruler(config.namespace), enable_sharding: true },
    };
}

/** The single-binary StatefulSet: replicas, volume, resources. */
function singleBinary(config: StackConfig): Record<string, unknown> {
    const { loki } = config;
    return {
        // More than one replica needs object storage (the chart fails the render otherwise).
        replicas: 1,
        // Loki never calls the Kubernetes API, so its pod gets no token.
        automountServiceAccountToken: false,
        resources: loki.resources,
        extraEnv: gomemlimitEnv(loki.resources),
        extraVolumes: [LOKI_RULES_VOLUME],
        extraVolumeMounts: [{ name: LOKI_RULES_VOLUME.name, mountPath: `${RULES_DIR}/${LOKI_SINGLE_TENANT}`, readOnly: true }],
        persistence: {
            enabled: true,
            size: loki.volumeSize,
            storageClass: loki.storageClass ?? config.storage.className ?? null,
            // Off: the StatefulSet's PVC outlives the StatefulSet, so a deleted release keeps its logs.
            enableStatefulSetAutoDeletePVC: false,
        },
    };
}

/** Everything the chart would run besides the single binary, switched off or zeroed. */
const OFF = {
    // Other deployment modes: all zero, or the chart refuses to render with filesystem storage.
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    ingester: { replicas: 0 },
    querier: { replicas: 0 },
    queryFrontend: { replicas: 0 },
    queryScheduler: { replicas: 0 },
    distributor: { replicas: 0 },
    compactor: { replicas: 0 },
    indexGateway: { replicas: 0 },
    ruler: { replicas: 0 },
    bloomGateway: { replicas: 0 },
    bloomPlanner: { replicas: 0 },
    bloomBuilder: { replicas: 0 },
    // memcached caches pay off with object storage; on a local disk they only cost memory.
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    memcached: { enabled: false },
    // The canary and the Helm test pod: Helm tests are never run through Pulumi.
    lokiCanary: { enabled: false },
    test: { enabled: false },
    // Clients reach the single binary's Service directly (builders/endpoints.ts).
    gateway: { enabled: false },
    minio: { enabled: false },
};

/**
 * Distributed mode's Services are one per component (loki-distributor, loki-ingester, ...), and
 * with jobPrefix "" each is its own job, which the stack's Loki rules and panels select per
 * component (rules/loki-targets.ts, rules/targets.ts lokiComponentJob). The component is also
 * kept in a `component` label (the chart's app.kubernetes.io/component on each Service) for ad
 * hoc queries across all of them.
 */
const DISTRIBUTED_RELABELINGS = [
    { action: "replace", sourceLabels: ["__meta_kubernetes_service_label_app_kubernetes_io_component"], targetLabel: "component" },
];

/** Complete values for the loki chart. */
export function lokiValues(config: StackConfig): Record<string, unknown> {
    const distributed = config.loki.mode === "distributed";
    return {
        fullnameOverride: RELEASES.loki,
        // "Monolithic" is 18.x's name for the single binary ("SingleBinary" is its deprecated alias).
        deploymentMode: distributed ? "Distributed" : "Monolithic",
        global: { imageRegistry: config.mirrors.imageRegistry ?? null },
        imagePullSecrets: pullSecrets(config.mirrors),
        loki: lokiServerConfig(config),
        // Zero in distributed mode: the chart refuses monolithic and distributed replicas together.
        singleBinary: distributed ? { replicas: 0 } : singleBinary(config),
        ...OFF,
        ...(distributed ? distributedComponents(config, logStore(config)) : {}),
        // No rules sidecar: the chart gives it a Role that reads every Secret in the namespace.
        // Rules arrive through the LOKI_RULES_CONFIGMAP mount instead, declared in code.
        sidecar: { rules: { enabled: false } },
        rbac: { namespaced: true },
        serviceAccount: { automountServiceAccountToken: false },
        monitoring: {
            serviceMonitor: {
                enabled: true,
                // Empty prefix: the job label is the Service name ("loki"), which alert rules match on.
                jobPrefix: "",
                interval: config.prometheus.scrapeInterval,
                ...(distributed ? { relabelings: DISTRIBUTED_RELABELINGS } : {}),
            },
            dashboards: { enabled: false },
            rules: { enabled: false },
            alerts: { enabled: false },
        },
    };
}
