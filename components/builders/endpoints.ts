/**
 * Release names and in-cluster addresses shared by the components. They are derived from names
 * the program fixes (fullnameOverride), so Loki can point its ruler at Alertmanager and Grafana
 * at Loki without a dependency cycle between the components.
 */

/** Helm release names; each chart's fullnameOverride matches, so object names are predictable. */
export const RELEASES = {
    kubePrometheusStack: "kps",
    grafana: "grafana",
    loki: "loki",
    logAgent: "log-agent",
    eventExporter: "event-exporter",
    thanos: "thanos",
} as const;

/** Grafana datasource uids, referenced by dashboards. */
export const DATASOURCE_UIDS = { prometheus: "prometheus", loki: "loki" } as const;

/** The label and annotation Grafana's dashboard sidecar watches on ConfigMaps. */
export const DASHBOARD_SIDECAR = { label: "grafana_dashboard", labelValue: "1", folderAnnotation: "grafana_folder" } as const;

const svc = (name: string, namespace: string, port: number) => `http://${name}.${namespace}.svc:${port}`;

export function prometheusUrl(namespace: string): string {
    return svc(`${RELEASES.kubePrometheusStack}-prometheus`, namespace, 9090);
}

export function alertmanagerUrl(namespace: string): string {
    return svc(`${RELEASES.kubePrometheusStack}-alertmanager`, namespace, 9093);
}

/**
 * gRPC (StoreAPI) and HTTP (API, metrics) ports of every Thanos component: the thanos chart's
 * defaults and kube-prometheus-stack's sidecar (prometheus.thanosService).
 */
export const THANOS_PORTS = { grpc: 10901, http: 10902 } as const;

/** Thanos Query's HTTP API, a Prometheus-compatible query endpoint (thanos chart: <fullname>-query). */
export function thanosQueryUrl(namespace: string): string {
    return svc(`${RELEASES.thanos}-query`, namespace, THANOS_PORTS.http);
}

/**
 * The headless Service kube-prometheus-stack puts in front of the Thanos sidecars
 * (prometheus.thanosService, `<fullname>-thanos-discovery`), as Thanos Query's DNS SRV lookup of
 * its gRPC port. Every Prometheus replica is one answer.
 */
export function thanosSidecarEndpoint(namespace: string, clusterDomain = "cluster.local"): string {
    return `dnssrv+_grpc._tcp.${RELEASES.kubePrometheusStack}-thanos-discovery.${namespace}.svc.${clusterDomain}`;
}

/** How Loki runs (`loki.mode`): one binary, or the chart's Distributed mode behind its gateway. */
export type LokiMode = "monolithic" | "distributed";

/**
 * The port of the loki chart's nginx gateway Service (gateway.service.port); in distributed mode
 * it is the one address clients use, routing pushes to the distributors and queries to the query
 * frontends.
 */
export const LOKI_GATEWAY_SERVICE_PORT = 80;

/**
 * Loki's base URL; queries and the Grafana datasource use it. Monolithic: the single binary's
 * Service. Distributed: the gateway (`<fullname>-gateway`).
 */
export function lokiUrl(namespace: string, mode: LokiMode): string {
    return mode === "distributed"
        ? svc(`${RELEASES.loki}-gateway`, namespace, LOKI_GATEWAY_SERVICE_PORT)
        : svc(RELEASES.loki, namespace, 3100);
}

/** Where log agents, the event exporter and kube-bench push. */
export function lokiPushUrl(namespace: string, mode: LokiMode): string {
    return `${lokiUrl(namespace, mode)}/loki/api/v1/push`;
}
