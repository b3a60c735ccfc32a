/**
 * Who the self-monitoring rules watch, and the `service` label their alerts carry.
 *
 * Assumption, shared with the components that create the ServiceMonitors: a ServiceMonitor's
 * `job` label is the name of the Service it scraped (the Prometheus Operator default when no
 * `jobLabel` is set), and every Service is named after its Helm release because each chart's
 * fullnameOverride equals the release name (builders/endpoints.ts). kube-prometheus-stack's
 * own monitors follow the same rule: its Prometheus Service is `<fullname>-prometheus`.
 */
import { RELEASES } from "../endpoints";

/** `job` label values of the stack's own scrape targets. */
export const STACK_JOBS = {
    prometheus: `${RELEASES.kubePrometheusStack}-prometheus`,
    alertmanager: `${RELEASES.kubePrometheusStack}-alertmanager`,
    loki: RELEASES.loki,
    logAgent: RELEASES.logAgent,
    eventExporter: RELEASES.eventExporter,
} as const;

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
    storage: "storage",
    security: "security",
} as const;
