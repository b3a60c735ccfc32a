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

/**
 * Name of an app's ServiceMonitor or PodMonitor and of its PrometheusRule, both in the stack
 * namespace: `app.<namespace>.<name>`.
 * - Injective: namespace and name are DNS labels (schema/apps.ts), which cannot hold a dot, so
 *   the dots mark exactly where they join. A dash would not: app `eu-checkout` in `shop` and
 *   app `checkout` in `shop-eu` would both become `shop-eu-checkout`.
 * - Valid: custom resources take DNS-1123 subdomain names, dots included, of up to 253
 *   characters; this one has at most 4 + 63 + 1 + 63 = 131. The operator files a rule under
 *   `<namespace>-<name>-<uid>.yaml` in its rules ConfigMap, at most 237 of a key's 253.
 * - Never an old name: before the move a monitor was named after the app, in the app's
 *   namespace, and a rule `app-<namespace>-<name>`; neither had a dot, so `pulumi up` cannot
 *   create an object under the name of one it is about to delete.
 * It also names the app's Pulumi resources, so they are unique in the stack as well.
 */
export function appObjectName(app: Pick<AppConfig, "namespace" | "name">): string {
    return `app.${app.namespace}.${app.name}`;
}

/**
 * A ServiceMonitor or PodMonitor as plain data, ready for a CustomResource. The namespace is
 * the stack's, which the component sets (components/app-monitors.ts).
 */
export interface MonitorSpec {
    apiVersion: typeof MONITORING_API_VERSION;
    kind: "ServiceMonitor" | "PodMonitor";
    metadata: { name: string; labels: Record<string, string> };
    spec: Record<string, unknown>;
}

/**
 * The monitor for one app. It lives in the stack namespace and reaches into the app's with
 * `namespaceSelector`, as kube-prometheus' own monitors do, so it can be created before the
 * app's namespace exists: Prometheus then discovers nothing there until the app is deployed.
 */
export function appMonitor(app: AppConfig): MonitorSpec {
    // The operator's own job label is the Service's name (ServiceMonitor) or
    // "<monitor namespace>/<monitor name>" (PodMonitor: "<stack namespace>/app.<ns>.<name>").
    // The operator appends an endpoint's relabelings after it (prometheus-operator v0.93
    // pkg/prometheus/promcfg.go), so this one wins: `job` is the app's name whatever the
    // Service is called and wherever the monitor lives, and the app's rules and dashboard
    // select on exactly that (rules/apps.ts appMatchers).
    const endpoint = {
        ...portField(app),
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
        name: appObjectName(app),
        labels: standardLabels(app.name, app.name, "metrics"),
    };
    if (app.monitor === "pod") {
        return { apiVersion: MONITORING_API_VERSION, kind: "PodMonitor", metadata, spec: { ...selection, podMetricsEndpoints: [endpoint] } };
    }
    return { apiVersion: MONITORING_API_VERSION, kind: "ServiceMonitor", metadata, spec: { ...selection, endpoints: [endpoint] } };
}

/**
 * Which endpoint field carries the app's port: a name is the Service's port (ServiceMonitor) or
 * the Pod's (PodMonitor) in `port`; a number is the container port, `targetPort` on a
 * ServiceMonitor endpoint and `portNumber` on a PodMonitor's (prometheus-operator v0.93 CRDs).
 */
function portField(app: Pick<AppConfig, "port" | "monitor">): Record<string, string | number> {
    if (typeof app.port === "string") {
        return { port: app.port };
    }
    return app.monitor === "pod" ? { portNumber: app.port } : { targetPort: app.port };
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
