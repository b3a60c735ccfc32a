/**
 * Defaults every stack starts from, and the dev and prod presets merged over them. A stack file
 * only states what differs from its environment's preset.
 */
import type { Environment } from "./schema";
import { LOKI_COMPONENTS_WITH_VOLUMES, LOKI_DISTRIBUTED_COMPONENTS, type LokiComponent } from "./schema/object-storage";

/** A JSON-shaped partial config: what presets and stack files are made of. */
export type ConfigTree = { [key: string]: unknown };

/**
 * Defaults under `objectStorage`, merged only when a stack sets that section (it has none
 * otherwise): path-style over TLS, the usual setup of self-hosted S3 stores, and the key names
 * `kubectl create secret generic --from-env-file` gives an AWS-style credentials file.
 */
export const OBJECT_STORAGE_DEFAULTS: ConfigTree = {
    region: "us-east-1",
    insecure: false,
    pathStyle: true,
    credentials: { accessKeyIdKey: "AWS_ACCESS_KEY_ID", secretAccessKeyKey: "AWS_SECRET_ACCESS_KEY" },
    buckets: {},
};

export const COMMON_DEFAULTS: ConfigTree = {
    namespace: "monitoring",
    cluster: {
        // Off until a stack says its control plane exposes them: kubeadm binds the controller
        // manager, scheduler, etcd and kube-proxy metrics to 127.0.0.1, managed clusters hide
        // them and kube-proxy-free CNIs have none, and an unreachable target alerts forever.
        controlPlane: { kubeControllerManager: false, kubeScheduler: false, etcd: false, kubeProxy: false },
        certManager: { enabled: false },
    },
    kubernetes: {},
    mirrors: { imagePullSecrets: [] },
    storage: {},
    prometheus: {
        scrapeInterval: "30s",
        evaluationInterval: "30s",
        externalLabels: {},
        remoteWrite: [],
    },
    alertmanager: {},
    grafana: {
        adminUser: "admin",
        adminPasswordVersion: 1,
        ingress: { enabled: false },
    },
    alerting: {
        smtp: { requireTls: true },
        webhooks: [],
        groupWait: "30s",
        groupInterval: "5m",
        repeatInterval: "4h",
    },
    loki: {
        mode: "monolithic",
        // Streams = containers x levels here (labels namespace/pod/container/app/node plus
        // level/service for JSON apps). Single tenant, so the whole cluster shares this; twice
        // Loki's own default of 5000 leaves room, while a label explosion is still refused.
        ingestion: { rejectOldSamplesMaxAge: "168h", maxStreamsPerUser: 10000 },
    },
    logAgent: {
        kind: "promtail",
        auditLogs: { enabled: false, hostPath: "/var/log/kubernetes/audit" },
    },
    eventExporter: { enabled: true },
    apps: [],
    dashboards: { enabled: true, folder: "Observability" },
    // Opt-in extras (components/schema/extras.ts): off, so existing stacks are unchanged.
    pushgateway: { enabled: false, persistence: { enabled: false, size: "2Gi" } },
    kubeBench: { enabled: false, schedule: "17 3 * * *", controlPlane: true, workers: true, nodes: [] },
    backups: { enabled: false, schedule: "41 1 * * *", prefix: "observability", retention: { keep: 7, maxAge: "30d" }, prometheus: true, grafana: true },
};

/** Defaults for each entry of `apps`: conventional Prometheus client-library names. */
export const APP_DEFAULTS: ConfigTree = {
    monitor: "service",
    port: "http-metrics",
    path: "/metrics",
    interval: "30s",
    logFormat: "text",
    metrics: {
        requestsTotal: "http_requests_total",
        durationHistogram: "http_request_duration_seconds",
        statusLabel: "code",
        // The Prometheus client libraries' default buckets (Go DefBuckets, Python, Java).
        durationBuckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    },
    alerts: { errorRatio: 0.05, latencyP95Seconds: 0.5 },
};

/** One entry per distributed Loki component. */
function lokiComponents(of: (component: LokiComponent) => ConfigTree): ConfigTree {
    return Object.fromEntries(LOKI_DISTRIBUTED_COMPONENTS.map((c) => [c, of(c)]));
}

/** A claim size for the components that keep state on one (ingester, compactor). */
function volumeOf(component: LokiComponent, size: string): ConfigTree {
    return (LOKI_COMPONENTS_WITH_VOLUMES as readonly string[]).includes(component) ? { volumeSize: size } : {};
}

const small = (cpu: string, memory: string, memoryLimit: string) => ({
    requests: { cpu, memory },
    limits: { memory: memoryLimit },
});

/** dev: one of everything, a week of data, the cluster's default storage class. */
const DEV: ConfigTree = {
    protection: { networkPolicies: false, protectStatefulResources: false },
    operator: { resources: small("50m", "64Mi", "256Mi"), configReloaderResources: small("10m", "16Mi", "64Mi") },
    exporters: {
        nodeExporter: { resources: small("20m", "32Mi", "64Mi") },
        kubeStateMetrics: { resources: small("20m", "64Mi", "256Mi") },
    },
    prometheus: {
        replicas: 1,
        retention: "7d",
        volumeSize: "20Gi",
        resources: small("200m", "1Gi", "2Gi"),
        longTerm: {
            enabled: false,
            retention: { raw: "30d", fiveMinutes: "90d", oneHour: "180d" },
            query: { replicas: 1, resources: small("50m", "128Mi", "512Mi") },
            storeGateway: { replicas: 1, volumeSize: "10Gi", resources: small("50m", "256Mi", "1Gi") },
            compactor: { volumeSize: "20Gi", resources: small("100m", "256Mi", "1Gi") },
        },
    },
    alertmanager: { replicas: 1, retention: "120h", volumeSize: "1Gi", resources: small("20m", "64Mi", "128Mi") },
    grafana: {
        persistence: { enabled: true, size: "2Gi" },
        resources: small("50m", "128Mi", "512Mi"),
        sidecarResources: small("10m", "64Mi", "128Mi"),
    },
    loki: {
        retention: "168h",
        volumeSize: "20Gi",
        ingestion: { rateMb: 4, burstMb: 8 },
        resources: small("100m", "256Mi", "1Gi"),
        // One of each: distributed mode in dev is for trying the topology, not for load.
        distributed: lokiComponents((c) => ({ replicas: 1, resources: small("50m", "128Mi", "512Mi"), ...volumeOf(c, "5Gi") })),
    },
    logAgent: { resources: small("50m", "64Mi", "256Mi") },
    eventExporter: { replicas: 1, resources: small("10m", "32Mi", "128Mi") },
    pushgateway: { resources: small("10m", "32Mi", "128Mi") },
    kubeBench: { resources: small("50m", "64Mi", "256Mi") },
    backups: { resources: small("50m", "64Mi", "512Mi") },
};

/** prod: two replicas where it matters, 30 days of data, sized volumes on a named class. */
const PROD: ConfigTree = {
    protection: { networkPolicies: true, protectStatefulResources: true },
    operator: { resources: small("100m", "128Mi", "512Mi"), configReloaderResources: small("10m", "32Mi", "64Mi") },
    exporters: {
        nodeExporter: { resources: small("50m", "64Mi", "128Mi") },
        // kube-state-metrics grows with the number of objects in the cluster.
        kubeStateMetrics: { resources: small("100m", "256Mi", "1Gi") },
    },
    prometheus: {
        replicas: 2,
        retention: "30d",
        volumeSize: "200Gi",
        resources: small("1", "8Gi", "12Gi"),
        longTerm: {
            enabled: false,
            // Raw data for zooming into the last quarter, 5m for a year of trends, 1h for two
            // years of capacity planning (Thanos' compactor docs: downsampling is for range, not space).
            retention: { raw: "90d", fiveMinutes: "365d", oneHour: "730d" },
            query: { replicas: 2, resources: small("200m", "512Mi", "2Gi") },
            // The store gateway caches index headers on its volume; the compactor needs room for
            // the blocks it merges (Thanos recommends about 100GB).
            storeGateway: { replicas: 2, volumeSize: "50Gi", resources: small("200m", "1Gi", "4Gi") },
            compactor: { volumeSize: "100Gi", resources: small("500m", "1Gi", "4Gi") },
        },
    },
    alertmanager: { replicas: 3, retention: "720h", volumeSize: "5Gi", resources: small("50m", "128Mi", "256Mi") },
    grafana: {
        persistence: { enabled: true, size: "10Gi" },
        resources: small("200m", "256Mi", "1Gi"),
        sidecarResources: small("20m", "64Mi", "256Mi"),
    },
    loki: {
        retention: "30d",
        volumeSize: "200Gi",
        ingestion: { rateMb: 16, burstMb: 32 },
        resources: small("1", "2Gi", "4Gi"),
        // Three ingesters for the replication factor of 3 (a write survives one lost ingester),
        // two of every stateless part, one compactor (it must run alone on the bucket).
        distributed: lokiComponents((c) => ({
            replicas: c === "ingester" ? 3 : c === "compactor" ? 1 : 2,
            resources: c === "ingester" || c === "querier" ? small("500m", "2Gi", "4Gi") : small("100m", "256Mi", "1Gi"),
            // The WAL holds what an ingester has not flushed yet (chunks idle or full after
            // hours), and the compactor's marks are small: neither holds the retention.
            ...volumeOf(c, "50Gi"),
        })),
    },
    logAgent: { resources: small("100m", "128Mi", "512Mi") },
    eventExporter: { replicas: 2, resources: small("20m", "64Mi", "256Mi") },
    pushgateway: { resources: small("20m", "64Mi", "256Mi") },
    kubeBench: { resources: small("100m", "128Mi", "512Mi") },
    backups: { resources: small("100m", "128Mi", "1Gi") },
};

export const PRESETS: Record<Environment, ConfigTree> = { dev: DEV, prod: PROD };
