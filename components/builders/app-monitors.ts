/**
 * How Prometheus finds onboarded applications: one ServiceMonitor or PodMonitor per entry of
 * `apps`, and a scrape job for pods that only carry the classic `prometheus.io/*` annotations.
 */
import type { AppConfig } from "../schema";
import { standardLabels } from "../labels";

/** API version of the Prometheus Operator's monitor CRDs (installed by kube-prometheus-stack). */
export const MONITORING_API_VERSION = "monitoring.coreos.com/v1";

/**
 * What Prometheus 3 (the chart's v3.x) parses a scrape as when the target sends no, or an
 * unknown, Content-Type. Prometheus 2 silently assumed the classic text format; 3 fails the
 * scrape instead (prometheus.io/docs/prometheus/latest/migration/#scrape-protocols), so an app
 * with a hand-written /metrics handler would be `up == 0` and page as AppTargetDown.
 */
export const FALLBACK_SCRAPE_PROTOCOL = "PrometheusText0.0.4";

/** A ServiceMonitor or PodMonitor as plain data, ready for a CustomResource. */
export interface MonitorSpec {
    apiVersion: typeof MONITORING_API_VERSION;
    kind: "ServiceMonitor" | "PodMonitor";
    metadata: { name: string; namespace: string; labels: Record<string, string> };
    spec: Record<string, unknown>;
}

/** The monitor for one app, in the app's namespace so it follows the app's lifecycle. */
export function appMonitor(app: AppConfig): MonitorSpec {
    // The operator's own job label is the Service's name (ServiceMonitor) or
    // "<namespace>/<monitor>" (PodMonitor); naming it after the app makes the app's alert
    // rules independent of how its Service is called.
    const endpoint = {
        port: app.port,
        path: app.path,
        interval: app.interval,
        relabelings: [{ action: "replace", targetLabel: "job", replacement: app.name }],
    };
    const selection = {
        selector: { matchLabels: { ...app.selector } },
        namespaceSelector: { matchNames: [app.namespace] },
        fallbackScrapeProtocol: FALLBACK_SCRAPE_PROTOCOL,
    };
    const metadata = {
        name: app.name,
        namespace: app.namespace,
        labels: standardLabels(app.name, app.name, "metrics"),
    };
    if (app.monitor === "pod") {
        return { apiVersion: MONITORING_API_VERSION, kind: "PodMonitor", metadata, spec: { ...selection, podMetricsEndpoints: [endpoint] } };
    }
    return { apiVersion: MONITORING_API_VERSION, kind: "ServiceMonitor", metadata, spec: { ...selection, endpoints: [endpoint] } };
}

/** Job name of the annotation-based pod scrape job. */
export const ANNOTATED_PODS_JOB = "kubernetes-pods";

const annotation = (name: string) => `__meta_kubernetes_pod_annotation_prometheus_io_${name}`;

/**
 * The classic annotation contract (`prometheus.io/scrape: "true"`, `prometheus.io/path`,
 * `prometheus.io/port`, `prometheus.io/scheme`), as in Prometheus'
 * documentation/examples/prometheus-kubernetes.yml, for apps not listed in `apps`.
 * Targets keep only `namespace` and `pod`, so one pod with several container ports
 * yields identical label sets and Prometheus scrapes it once.
 */
export function annotatedPodsScrapeConfig(): Record<string, unknown> {
    return {
        job_name: ANNOTATED_PODS_JOB,
        kubernetes_sd_configs: [{ role: "pod" }],
        // Annotated pods are anyone's software, old exporters included.
        fallback_scrape_protocol: FALLBACK_SCRAPE_PROTOCOL,
        relabel_configs: [
            { source_labels: [annotation("scrape")], action: "keep", regex: "true" },
            // Completed and pending pods have no endpoint to scrape.
            { source_labels: ["__meta_kubernetes_pod_phase"], action: "drop", regex: "Pending|Succeeded|Failed" },
            { source_labels: [annotation("scheme")], action: "replace", regex: "(https?)", target_label: "__scheme__" },
            { source_labels: [annotation("path")], action: "replace", regex: "(.+)", target_label: "__metrics_path__" },
            // The pod IP with the annotated port; IPv6 addresses need brackets.
            {
                source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
                action: "replace",
                regex: "(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})",
                replacement: "[$2]:$1",
                target_label: "__address__",
            },
            {
                source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
                action: "replace",
                regex: "(\\d+);((([0-9]+?)(\\.|$)){4})",
                replacement: "$2:$1",
                target_label: "__address__",
            },
            { source_labels: ["__meta_kubernetes_namespace"], action: "replace", target_label: "namespace" },
            { source_labels: ["__meta_kubernetes_pod_name"], action: "replace", target_label: "pod" },
        ],
    };
}
