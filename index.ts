/**
 * The program: load and validate the stack config, build the components, wire one component's
 * outputs into the next and export what operators need.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertRules } from "./components/alert-rules";
import { Backups } from "./components/backups";
import { lokiPushUrl as lokiServicePushUrl, lokiUrl as lokiServiceUrl } from "./components/builders/endpoints";
import { pushgatewayUrl } from "./components/builders/pushgateway-values";
import { loadConfig } from "./components/config";
import { Dashboards } from "./components/dashboards";
import { EventExporter } from "./components/event-exporter";
import { KubeBench } from "./components/kube-bench";
import { LogAgent } from "./components/log-agent";
import { LongTermMetrics, thanosObjstoreSecret } from "./components/long-term-metrics";
import { Loki } from "./components/loki";
import { MetricsStack } from "./components/metrics";
import { createProvider } from "./components/provider";
import { Pushgateway } from "./components/pushgateway";
import { ObservabilityStack } from "./components/stack";

// Validation throws before anything below registers a resource.
const { config, secrets, storedAsSecret } = loadConfig();

const provider = createProvider("kubernetes", config.kubernetes, config.namespace, storedAsSecret.includes("kubernetes"));
const repositoryPassword = secrets.chartRepositoryPassword;
const stack = new ObservabilityStack("observability", { config, secrets }, { providers: { kubernetes: provider } });
// The Thanos sidecars read it from Prometheus' first start (prometheus.longTerm).
const objstore = thanosObjstoreSecret("thanos-objstore", config, stack.namespace, { parent: stack });
// Grafana's Loki datasource takes Loki's address from builders/endpoints.ts, not Loki's output:
// Loki, the agents and their ServiceMonitors wait for this chart's CRDs, so the URL cannot
// flow the other way without a cycle.
const metrics = new MetricsStack("metrics", {
    config,
    namespace: stack.namespace,
    lokiUrl: lokiServiceUrl(config.namespace, config.loki.mode),
    slackUrlReceivers: Object.keys(secrets.slackWebhookUrls),
    repositoryPassword,
    dependsOn: [stack.secrets, ...(objstore === undefined ? [] : [objstore])],
}, { parent: stack });
const longTerm = objstore === undefined
    ? undefined
    : new LongTermMetrics("long-term-metrics", { config, namespace: stack.namespace, repositoryPassword, dependsOn: [objstore, metrics.chart] }, { parent: stack });
const loki = new Loki("loki", { config, namespace: stack.namespace, repositoryPassword, dependsOn: [metrics.chart] }, { parent: stack });
new LogAgent("log-agent", { config, namespace: stack.namespace, repositoryPassword, pushUrl: loki.pushUrl, dependsOn: [metrics.chart] }, { parent: stack });
if (config.eventExporter.enabled) {
    new EventExporter("event-exporter", { config, namespace: stack.namespace, pushUrl: loki.pushUrl, dependsOn: [metrics.chart] }, { parent: stack });
}
// The chart installs the PrometheusRule CRD.
new AlertRules("alert-rules", { namespace: stack.namespace, config }, { parent: stack, dependsOn: [metrics.chart] });
// Grafana's sidecar loads the dashboards from labelled ConfigMaps in the stack namespace.
const dashboards = config.dashboards.enabled ? new Dashboards("dashboards", { namespace: stack.namespace, config }, { parent: stack }) : undefined;
// Opt-in extras: the Pushgateway, kube-bench results (metrics and Loki) and backups.
const pushgateway = config.pushgateway.enabled ? new Pushgateway("pushgateway", { config, namespace: stack.namespace, repositoryPassword, crds: [metrics.chart] }, { parent: stack }) : undefined;
if (config.kubeBench.enabled) {
    new KubeBench("kube-bench", {
        config,
        namespace: stack.namespace,
        pushgatewayUrl: pushgatewayUrl(config.namespace),
        lokiPushUrl: lokiServicePushUrl(config.namespace, config.loki.mode),
        crds: [metrics.chart],
    }, { parent: stack, dependsOn: [loki, ...(pushgateway === undefined ? [] : [pushgateway])] });
}
if (config.backups.enabled) {
    new Backups("backups", { config, namespace: stack.namespace, dependsOn: [metrics.chart] }, { parent: stack });
}

export const namespace = stack.namespace;
export const prometheusUrl = metrics.prometheusUrl;
/** Thanos Query's in-cluster URL with prometheus.longTerm (what Grafana queries), else null. */
export const thanosQueryUrl = longTerm?.queryUrl ?? pulumi.output<string | null>(null);
export const alertmanagerUrl = metrics.alertmanagerUrl;
export const grafanaUrl = metrics.grafanaUrl;
/** Loki's in-cluster query URL (Grafana datasource, logcli --addr). */
export const lokiUrl = loki.queryUrl;
/** Where log shippers outside this stack push to Loki. */
export const lokiPushUrl = loki.pushUrl;
export const grafanaExternalUrl = metrics.grafanaExternalUrl;
export const grafanaAdminSecret = stack.secrets.grafanaAdminSecretName;
/** Secret output: read it with `pulumi stack output grafanaAdminPassword --show-secrets`. */
export const grafanaAdminPassword = stack.secrets.grafanaAdminPassword;
/** Grafana uids of the provisioned dashboards (empty when dashboards.enabled is false). */
export const dashboardUids = dashboards?.uids ?? [];
