/**
 * The loki chart's `Distributed` mode (`loki.mode: distributed`): one workload per Loki
 * component, chunks and index on `objectStorage.buckets.logs`, clients through the chart's nginx
 * gateway. Pure, like loki-values.ts, which calls it; monolithic values do not pass through here.
 */
import type { ObjectStorageConfig, StackConfig } from "../../schema";
import { LOKI_INDEX_PERIOD_HOURS } from "../../schema/logs";
import type { LokiComponent } from "../../schema/object-storage";
import { s3CredentialEnv } from "../object-storage";
import { objectStoreCaExtraValues, objectStoreCaFile } from "../object-store-ca";
import { gomemlimitEnv, LOKI_RULES_VOLUME, LOKI_SCHEMA_FROM, LOKI_SINGLE_TENANT, RULES_DIR } from "./shared";

/** Values key of each configured component in the chart (the config uses the same names). */
type ComponentValues = Record<string, unknown>;

/**
 * Components that open the object store, and so get the credentials: the ingester flushes
 * chunks and index, the querier and the ruler's evaluator read chunks, the index gateway serves
 * the index, the compactor rewrites it and applies retention. Loki's module graph
 * (pkg/loki/loki.go, `deps`) gives the Store module to exactly these; the compactor builds its
 * own object clients. Distributor, query frontend, query scheduler and the nginx gateway never
 * touch the bucket (with the usage reporter off, see ANALYTICS) and get no credentials.
 */
export const STORE_CLIENTS: readonly LokiComponent[] = ["ingester", "querier", "indexGateway", "compactor", "ruler"];

/** The most ingesters a write goes to: Loki's default, a write survives one lost ingester. */
const MAX_REPLICATION_FACTOR = 3;

/**
 * The usage reporter off: every component would open the object store for its cluster seed
 * (pkg/loki/modules.go initAnalytics), which would spread the credentials to all of them, and it
 * reports to stats.grafana.org, which air-gapped sites cannot reach anyway.
 */
const ANALYTICS = { reporting_enabled: false };

/** One schema period from the same fixed date as monolithic mode: TSDB v13, chunks in the bucket. */
export function distributedSchema(): Record<string, unknown> {
    return {
        configs: [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "loki_index_", period: `${LOKI_INDEX_PERIOD_HOURS}h` } }],
    };
}

/**
 * `loki.storage` for the chart: its S3 block (templates/_helpers.tpl loki.lokiStorageConfig.s3)
 * becomes `common.storage.s3`. No access keys: Loki's S3 client builds static credentials only
 * when access_key_id and secret_access_key are both set and otherwise hands the AWS SDK's
 * default chain, which reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from the environment
 * (pkg/storage/chunk/client/aws/s3_storage_client.go buildS3Client;
 * https://grafana.com/docs/loki/latest/configure/storage/#aws-deployment-s3-single-store).
 */
export function s3Storage(store: ObjectStorageConfig): Record<string, unknown> {
    const caFile = objectStoreCaFile(store);
    return {
        type: "s3",
        bucketNames: { chunks: store.buckets.logs },
        s3: {
            endpoint: store.endpoint,
            region: store.region,
            s3ForcePathStyle: store.pathStyle,
            insecure: store.insecure,
            // A private CA: the chart copies `http_config` as is (loki.lokiStorageConfig.s3), and
            // Loki's S3Config reads `http_config.ca_file` (flag -s3.http.ca-file, "the trusted CA
            // file that signed the SSL certificate of the S3 endpoint"; pkg/storage/chunk/client/aws/s3_storage_client.go,
            // https://grafana.com/docs/loki/latest/configure/#s3_storage_config). Like Thanos',
            // the file replaces the system roots for this client.
            ...(caFile === undefined ? {} : { http_config: { ca_file: caFile } }),
        },
    };
}

/** A write goes to this many ingesters: 3, or every ingester when there are fewer. */
export function replicationFactor(config: StackConfig): number {
    return Math.min(MAX_REPLICATION_FACTOR, config.loki.distributed.ingester.replicas);
}

/** Volumes a component mounts besides the store's CA (the ruler's rules). */
interface OwnVolumes {
    volumes: Record<string, unknown>[];
    mounts: Record<string, unknown>[];
}

/**
 * What every Loki (Go) component runs with: replicas, resources, env, no API token, a PDB; and
 * for the components that open the bucket, its keys and the store's private CA where the S3
 * client's ca_file points (s3Storage), beside the component's `own` volumes.
 */
function component(config: StackConfig, name: LokiComponent, store: ObjectStorageConfig, own: OwnVolumes = { volumes: [], mounts: [] }): ComponentValues {
    const c = config.loki.distributed[name];
    const opensBucket = STORE_CLIENTS.includes(name);
    return {
        replicas: c.replicas,
        resources: c.resources,
        // Loki never calls the Kubernetes API.
        automountServiceAccountToken: false,
        extraEnv: [...gomemlimitEnv(c.resources), ...(opensBucket ? s3CredentialEnv(store) : [])],
        ...objectStoreCaExtraValues(opensBucket ? store : undefined, own.volumes, own.mounts),
        // The chart renders a component's PDB only above one replica (templates/_pdb.tpl).
        podDisruptionBudget: { maxUnavailable: 1 },
    };
}

/**
 * A `data` claim (mounted at /var/loki) where the chart would use an emptyDir, of the
 * component's volumeSize, on monolithic mode's class. Given as `claims`: the chart's compactor
 * template still reads that list ahead of `persistence.size`.
 */
function dataVolume(config: StackConfig, size: string): Record<string, unknown> {
    const claim = {
        name: "data",
        accessModes: ["ReadWriteOnce"],
        size,
        storageClass: config.loki.storageClass ?? config.storage.className ?? null,
    };
    // Off: the claims outlive the StatefulSet, as the single binary's does.
    return { enabled: true, claims: [claim], enableStatefulSetAutoDeletePVC: false };
}

/** The ingester, compactor and ruler: the parts with state or extra mounts. */
function statefulParts(config: StackConfig, store: ObjectStorageConfig): Record<string, ComponentValues> {
    return {
        ingester: {
            ...component(config, "ingester", store),
            // Zone-aware replication makes three StatefulSets, a third of the replicas each, and
            // expects the rollout-operator to roll them zone by zone; one StatefulSet with the
            // configured replicas is what the config describes.
            zoneAwareReplication: { enabled: false },
            // The WAL on a claim: a restarted ingester replays what it had not flushed yet.
            persistence: dataVolume(config, config.loki.distributed.ingester.volumeSize),
        },
        compactor: {
            // No PDB template exists for the compactor in the chart, and it runs alone anyway.
            ...component(config, "compactor", store),
            // Retention marks chunks for deletion in files under its working directory; on an
            // emptyDir a restart forgets them and the chunks stay in the bucket
            // (https://grafana.com/docs/loki/latest/operations/storage/retention/).
            persistence: dataVolume(config, config.loki.distributed.compactor.volumeSize),
        },
        // The same rules ConfigMap as monolithic mode, where the local rule store reads tenant "fake".
        ruler: component(config, "ruler", store, {
            volumes: [LOKI_RULES_VOLUME],
            mounts: [{ name: LOKI_RULES_VOLUME.name, mountPath: `${RULES_DIR}/${LOKI_SINGLE_TENANT}`, readOnly: true }],
        }),
    };
}

/** The component blocks of the chart's values, gateway included. */
export function distributedComponents(config: StackConfig, store: ObjectStorageConfig): Record<string, ComponentValues> {
    const gateway = config.loki.distributed.gateway;
    return {
        distributor: component(config, "distributor", store),
        querier: component(config, "querier", store),
        queryFrontend: component(config, "queryFrontend", store),
        queryScheduler: component(config, "queryScheduler", store),
        indexGateway: component(config, "indexGateway", store),
        ...statefulParts(config, store),
        // nginx: the one address agents, Grafana and the event exporter use; it routes pushes to
        // the distributors and queries to the query frontends. Not Go, so no GOMEMLIMIT.
        gateway: {
            enabled: true,
            replicas: gateway.replicas,
            resources: gateway.resources,
            podDisruptionBudget: { maxUnavailable: 1 },
            // The nginx exporter sidecar: one more image to mirror and a container without
            // configured resources, for metrics no rule of the stack reads; Loki's own request
            // metrics already cover every route the gateway proxies.
            metrics: { enabled: false },
        },
    };
}

/** Loki config blocks that differ from monolithic mode (values `loki.*`). */
export function distributedServerOverrides(store: ObjectStorageConfig): Record<string, unknown> {
    return {
        storage: s3Storage(store),
        schemaConfig: distributedSchema(),
        analytics: ANALYTICS,
    };
}
