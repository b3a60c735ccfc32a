/**
 * Who the self-monitoring rules watch, and the `service` label their alerts carry.
 *
 * Assumption, shared with the components that create the ServiceMonitors: a ServiceMonitor's
 * `job` label is the name of the Service it scraped (the Prometheus Operator default when no
 * `jobLabel` is set), and every Service is named after its Helm release because each chart's
 * fullnameOverride equals the release name (builders/endpoints.ts). kube-prometheus-stack's
 * own monitors follow the same rule: its Prometheus Service is `<fullname>-prometheus`.
 */
import type { LokiComponent } from "../../schema";
import { RELEASES } from "../endpoints";

/** `job` label values of the stack's own scrape targets. */
export const STACK_JOBS = {
    prometheus: `${RELEASES.kubePrometheusStack}-prometheus`,
    alertmanager: `${RELEASES.kubePrometheusStack}-alertmanager`,
    loki: RELEASES.loki,
    logAgent: RELEASES.logAgent,
    eventExporter: RELEASES.eventExporter,
    /**
     * The Thanos sidecars, scraped through kube-prometheus-stack's `<fullname>-thanos-discovery`
     * Service (prometheus.thanosServiceMonitor sets no jobLabel).
     */
    thanosSidecar: `${RELEASES.kubePrometheusStack}-thanos-discovery`,
    /**
     * The thanos chart's ServiceMonitors set `jobLabel: app.kubernetes.io/component-instance`,
     * whose value on each Service is `<fullname>-<component>` (templates/<component>/service.yaml).
     */
    thanosQuery: `${RELEASES.thanos}-query`,
    thanosStoreGateway: `${RELEASES.thanos}-store-gateway`,
    thanosCompactor: `${RELEASES.thanos}-compact`,
} as const;

/**
 * Distributed Loki's components that serve Loki's own metrics (the gateway is nginx). The loki
 * chart names each component's Service `<fullname>-<component in kebab case>` and its one
 * ServiceMonitor skips the headless twins (label prometheus.io/service-monitor: "false"), so
 * with jobPrefix "" each component is its own job: loki-distributor, loki-ingester, ...
 */
export const LOKI_METRIC_COMPONENTS = ["distributor", "ingester", "querier", "queryFrontend", "queryScheduler", "compactor", "indexGateway", "ruler"] as const satisfies readonly LokiComponent[];

/** The `job` of one distributed Loki component. */
export function lokiComponentJob(component: LokiComponent): string {
    return `${RELEASES.loki}-${component.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Values of the `service` label on the stack's alerts. Rule labels override labels of the
 * same name from the query, so an alert says which component owns it, not which Kubernetes
 * Service happened to be scraped. `security` is what Alertmanager routes to the security team.
 */
export const SERVICES = {
    prometheus: "prometheus",
    alertmanager: "alertmanager",
    loki: "loki",
    logAgent: "log-agent",
    eventExporter: "event-exporter",
    thanos: "thanos",
    storage: "storage",
    security: "security",
} as const;
