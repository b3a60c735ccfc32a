/** The `prometheus` section of the kube-prometheus-stack values. */
import { prometheusAdminApiEnabled } from "../schema/extras";
import type { StackConfig } from "../schema";
import { prometheusSize, quantityBytes } from "../units";
import { annotatedPodsScrapeConfig } from "./app-monitors";
import { THANOS_PORTS } from "./endpoints";
import { resourceValues } from "./resources";
import { claimSpec } from "./volumes";
import { s3CredentialEnv, THANOS_OBJSTORE_SECRET } from "./object-storage";
import { objectStoreCaMounts, objectStoreCaVolumes } from "./object-store-ca";


/**
 * The Thanos sidecar (prometheus.longTerm): the operator adds it with the objstore config from
 * the program's Secret. For Prometheus 3.9+ with a Thanos of 0.41+ operator v0.93 uses delayed
 * compaction: Prometheus keeps compacting, but only blocks the sidecar's shipper file lists as
 * uploaded (`--storage.tsdb.delay-compact-file.path`), so every 2h block reaches the bucket
 * (statefulset.go, compactionModeFor; seen in the e2e tier). The sidecar's credentials come as env,
 * and a private CA as a mount, through `containers`, which the operator merges into its own
 * containers by name (a strategic merge patch, as `containers` is documented in the Prometheus
 * CRD: https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec).
 */
function thanosSidecarValues(config: StackConfig): Record<string, unknown> {
    if (!config.prometheus.longTerm.enabled || config.objectStorage === undefined) {
        return {};
    }
    const store = config.objectStorage;
    const volumes = objectStoreCaVolumes(store);
    const volumeMounts = objectStoreCaMounts(store);
    return {
        thanos: { objectStorageConfig: { existingSecret: { ...THANOS_OBJSTORE_SECRET } } },
        // The CA's volume is the pod's; only the sidecar mounts it (Prometheus never opens the bucket).
        ...(volumes.length === 0 ? {} : { volumes }),
        containers: [{ name: "thanos-sidecar", env: s3CredentialEnv(store), ...(volumeMounts.length === 0 ? {} : { volumeMounts }) }],
    };
}

/** prometheusSpec.remoteWrite: credentials as Secret key references, never values. */
export function remoteWriteValues(targets: StackConfig["prometheus"]["remoteWrite"]): Record<string, unknown>[] {
    return targets.map((t) => ({
        name: t.name,
        url: t.url,
        ...(t.basicAuth === undefined ? {} : { basicAuth: { username: { ...t.basicAuth.username }, password: { ...t.basicAuth.password } } }),
        ...(t.bearerToken === undefined ? {} : { authorization: { type: "Bearer", credentials: { ...t.bearerToken } } }),
        ...(t.tenantHeader === undefined ? {} : { headers: { [t.tenantHeader.name]: t.tenantHeader.value } }),
    }));
}

/** Share of the volume the TSDB may fill; the rest absorbs the WAL and compaction headroom. */
export const RETENTION_SIZE_SHARE = 0.85;

/** retentionSize as configured, or 85% of the volume in Prometheus' base-2 "GB". */
export function retentionSize(prometheus: StackConfig["prometheus"]): string {
    return prometheus.retentionSize ?? prometheusSize(quantityBytes(prometheus.volumeSize) * RETENTION_SIZE_SHARE);
}

/** A PVC template for an operator-managed StatefulSet (`storageSpec.volumeClaimTemplate`). */
export function volumeClaimTemplate(size: string, storageClass: string | undefined): Record<string, unknown> {
    return {
        volumeClaimTemplate: { spec: claimSpec(size, storageClass) },
    };
}

/**
 * Keep the volumes of operator-managed StatefulSets when the StatefulSet is deleted or scaled
 * down (StatefulSet persistentVolumeClaimRetentionPolicy): removing the chart, or a Pulumi
 * destroy, never deletes Prometheus or Alertmanager data.
 */
export const RETAIN_VOLUMES = { whenDeleted: "Retain", whenScaled: "Retain" } as const;

/**
 * The chart's podDisruptionBudget value: one pod must stay available, which only makes sense
 * with a second replica to fail over to. With one replica (dev, or a prod stack scaled down)
 * minAvailable 1 allows zero disruptions and `kubectl drain` of its node hangs forever, so
 * there is no budget; the ha-replicas-and-disruption-budgets policy reports the prod case.
 */
export function disruptionBudget(replicas: number): { enabled: boolean; minAvailable: number } {
    return { enabled: replicas > 1, minAvailable: 1 };
}

/** Ingress from the stack's own namespace only (Grafana, Loki's ruler, the operator, self-scrapes). */
export function sameNamespaceIngress(ports: number[]): Record<string, unknown>[] {
    return [{ from: [{ podSelector: {} }], ports: ports.map((port) => ({ port, protocol: "TCP" })) }];
}

export function prometheusValues(config: StackConfig): Record<string, unknown> {
    const p = config.prometheus;
    return {
        podDisruptionBudget: disruptionBudget(p.replicas),
        // The chart's NetworkPolicy always lists both policy types, so egress must be given:
        // Prometheus scrapes every namespace and node, so egress stays open.
        networkPolicy: {
            enabled: config.protection.networkPolicies,
            flavor: "kubernetes",
            // Thanos Query reaches the sidecars' gRPC, and Prometheus scrapes their HTTP, from the same namespace.
            ingress: sameNamespaceIngress([9090, 8080, ...(p.longTerm.enabled ? [THANOS_PORTS.grpc, THANOS_PORTS.http] : [])]),
            egress: [{}],
        },
        prometheusSpec: {
            replicas: p.replicas,
            retention: p.retention,
            retentionSize: retentionSize(p),
            scrapeInterval: p.scrapeInterval,
            evaluationInterval: p.evaluationInterval,
            externalLabels: { ...p.externalLabels, cluster: config.cluster.name, environment: config.environment },
            resources: resourceValues(p.resources),
            // The admin API can delete series: on only for the snapshot backups that need it.
            enableAdminAPI: prometheusAdminApiEnabled(config),
            storageSpec: volumeClaimTemplate(p.volumeSize, p.storageClass ?? config.storage.className),
            persistentVolumeClaimRetentionPolicy: { ...RETAIN_VOLUMES },
            // false: select every monitor and rule in every namespace, not only those carrying
            // the Helm release label (values.yaml: *SelectorNilUsesHelmValues). The apps'
            // monitors and rules carry none; the chart's empty *NamespaceSelector values cover
            // every namespace, and its Prometheus ClusterRole lets the monitors discover targets
            // in the apps' namespaces (checked in components/app-monitors.ts).
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            probeSelectorNilUsesHelmValues: false,
            scrapeConfigSelectorNilUsesHelmValues: false,
            additionalScrapeConfigs: [annotatedPodsScrapeConfig()],
            ...(p.remoteWrite.length > 0 ? { remoteWrite: remoteWriteValues(p.remoteWrite) } : {}),
            ...thanosSidecarValues(config),
        },
        // The headless Service Thanos Query finds the sidecars through, and their metrics.
        ...(p.longTerm.enabled ? { thanosService: { enabled: true }, thanosServiceMonitor: { enabled: true } } : {}),
    };
}
