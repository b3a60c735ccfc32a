/**
 * Values of the thanos chart (stevehipwell/helm-charts) for `prometheus.longTerm`: Query over the
 * Prometheus sidecars and the Store Gateway, the Store Gateway over the bucket, and one Compactor
 * that applies the retention per resolution. The objstore config is the program's Secret
 * (THANOS_OBJSTORE_SECRET), with no keys in it; the keys come from the credentials Secret as env.
 */
import type { StackConfig } from "../schema";
import { IMAGES } from "../versions";
import { RELEASES, thanosSidecarEndpoint } from "./endpoints";
import { mirroredImage, pullSecrets } from "./images";
import { s3CredentialEnv, THANOS_OBJSTORE_SECRET } from "./object-storage";
import { resourceValues } from "./resources";
import { objectStoreCaExtraValues } from "./object-store-ca";

/**
 * The external label the Prometheus Operator sets to tell replicas apart
 * (replicaExternalLabelName's default): Query merges series that differ only in it, and the
 * Compactor merges the replicas' blocks (vertical compaction).
 */
export const PROMETHEUS_REPLICA_LABEL = "prometheus_replica";

/** A component's volume; a StatefulSet's claim template. */
function persistence(size: string, storageClass: string | undefined): Record<string, unknown> {
    // The chart's default class is "standard"; "" leaves storageClassName out (the cluster's default).
    return { enabled: true, size, storageClass: storageClass ?? "" };
}

export function thanosValues(config: StackConfig): Record<string, unknown> {
    const lt = config.prometheus.longTerm;
    const store = config.objectStorage;
    if (store === undefined) {
        throw new Error("thanosValues: prometheus.longTerm needs objectStorage (config validation refuses the stack otherwise)");
    }
    const image = mirroredImage(IMAGES.thanos, config.mirrors);
    const className = config.storage.className;
    const env = s3CredentialEnv(store);
    // The Store Gateway and the Compactor open the bucket (Query only asks them and the
    // sidecars), so they get the keys and, for a private CA, its mount.
    const caBundle = objectStoreCaExtraValues(store);
    const r = lt.retention;
    return {
        fullnameOverride: RELEASES.thanos,
        image: { repository: `${image.registry}/${image.repository}`, tag: image.tag },
        imagePullSecrets: pullSecrets(config.mirrors),
        objstoreConfig: { create: false, name: THANOS_OBJSTORE_SECRET.name, key: THANOS_OBJSTORE_SECRET.key },
        // The stack's Prometheus selects every ServiceMonitor (serviceMonitorSelectorNilUsesHelmValues: false).
        serviceMonitor: { enabled: true },
        additionalReplicaLabels: [PROMETHEUS_REPLICA_LABEL],
        additionalEndpoints: [thanosSidecarEndpoint(config.namespace)],
        query: {
            enabled: true,
            replicas: lt.query.replicas,
            resources: resourceValues(lt.query.resources),
            podDisruptionBudget: { enabled: lt.query.replicas > 1, minAvailable: 1 },
        },
        // Grafana queries Query directly; a frontend (splitting, caching) is for heavier use.
        queryFrontend: { enabled: false },
        storeGateway: {
            enabled: true,
            replicas: lt.storeGateway.replicas,
            resources: resourceValues(lt.storeGateway.resources),
            extraEnv: env,
            ...caBundle,
            persistence: persistence(lt.storeGateway.volumeSize, lt.storeGateway.storageClass ?? className),
            podDisruptionBudget: { enabled: lt.storeGateway.replicas > 1, minAvailable: 1 },
        },
        compact: {
            // A StatefulSet of one: compaction is not safe to run concurrently on a bucket.
            enabled: true,
            resources: resourceValues(lt.compactor.resources),
            extraEnv: env,
            ...caBundle,
            persistence: persistence(lt.compactor.volumeSize, lt.compactor.storageClass ?? className),
            // The penalty function is the one meant for HA Prometheus replicas' blocks
            // (https://thanos.io/tip/components/compact.md/#vertical-compaction-use-cases).
            deduplication: { enabled: true, func: "penalty" },
            extraArgs: [
                `--retention.resolution-raw=${r.raw}`,
                `--retention.resolution-5m=${r.fiveMinutes}`,
                `--retention.resolution-1h=${r.oneHour}`,
            ],
        },
        rule: { enabled: false },
        receive: { enabled: false },
    };
}
