/**
 * Which Prometheus targets each stack component is scraped as, for the dashboards. Every panel
 * that asks whether a component is up, or reads its own metrics, selects it through here.
 *
 * The job names come from ONE place, builders/rules/targets.ts (STACK_JOBS), shared with the
 * alert rules. Its assumption: a ServiceMonitor's `job` is the name of the Service it scraped
 * (the Prometheus Operator default without `jobLabel`), and every Service is named after its
 * release (RELEASES in builders/endpoints.ts, each chart's fullnameOverride): `kps-prometheus`,
 * `kps-alertmanager`, `loki` (the Loki values set `monitoring.serviceMonitor.jobPrefix: ""`;
 * the chart default would give `<namespace>/loki`), `log-agent`, `event-exporter`.
 *
 * Two tolerances on top, from what the charts and components actually create:
 * - Promtail's chart serves metrics from a Service named `<fullname>-metrics`
 *   (templates/service-metrics.yaml), so its job is `log-agent-metrics`; Alloy's is `log-agent`.
 * - The event exporter is a plain Deployment named `event-exporter` scraped through its own
 *   Service and ServiceMonitor (builders/event-exporter-deployment.ts), so its job is
 *   `event-exporter`; the annotation job `kubernetes-pods` (builders/app-monitors.ts) is still
 *   accepted for stacks that scraped it by pod annotations, matched by its pod name either way.
 * Every selector is also pinned to the stack namespace, so a same-named job of another team in
 * the same Prometheus cannot turn a panel green.
 */
import { ANNOTATED_PODS_JOB } from "../app-monitors";
import { RELEASES } from "../endpoints";
import type { DashboardSource } from "./model";
import { LOKI_METRIC_COMPONENTS, lokiComponentJob, STACK_JOBS as JOB_NAMES } from "../rules/targets";

/** A stack component the dashboards watch. */
export interface StackJob {
    /** Human name shown on panels. */
    title: string;
    /** Regex matchers (RE2, fully anchored by Prometheus) on the component's target labels. */
    match: Record<string, string>;
}

const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The selectors of the stack's own components, keyed by role. */
export const STACK_JOBS = {
    prometheus: { title: "Prometheus", match: { job: literal(JOB_NAMES.prometheus) } },
    alertmanager: { title: "Alertmanager", match: { job: literal(JOB_NAMES.alertmanager) } },
    loki: { title: "Loki", match: { job: literal(JOB_NAMES.loki) } },
    logAgent: { title: "Log agent", match: { job: `${literal(JOB_NAMES.logAgent)}(-metrics)?` } },
    eventExporter: {
        title: "Event exporter",
        match: { job: `${literal(JOB_NAMES.eventExporter)}|${literal(ANNOTATED_PODS_JOB)}`, pod: `${literal(RELEASES.eventExporter)}-.+` },
    },
} as const satisfies Record<string, StackJob>;

/** Thanos' components with prometheus.longTerm (targets.ts says where each job name comes from). */
export const THANOS_JOBS = {
    sidecar: { title: "Thanos sidecars", match: { job: literal(JOB_NAMES.thanosSidecar) } },
    query: { title: "Thanos Query", match: { job: literal(JOB_NAMES.thanosQuery) } },
    storeGateway: { title: "Store gateway", match: { job: literal(JOB_NAMES.thanosStoreGateway) } },
    compactor: { title: "Compactor", match: { job: literal(JOB_NAMES.thanosCompactor) } },
} as const satisfies Record<string, StackJob>;

/** Every Thanos job at once, for panels that compare the components. */
export const ALL_THANOS: StackJob = { title: "Thanos", match: { job: Object.values(THANOS_JOBS).map((j) => j.match.job).join("|") } };

/** One distributed Loki component, titled as Grafana shows it ("Query frontend"). */
export function lokiComponentJobOf(component: (typeof LOKI_METRIC_COMPONENTS)[number]): StackJob {
    const words = component.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    return { title: words[0].toUpperCase() + words.slice(1), match: { job: literal(lokiComponentJob(component)) } };
}

/** Loki as a whole: the single binary's job, or every distributed component's. */
export function lokiJob(src: Pick<DashboardSource, "loki">): StackJob {
    if (src.loki.mode === "monolithic") {
        return STACK_JOBS.loki;
    }
    return { title: "Loki", match: { job: LOKI_METRIC_COMPONENTS.map((c) => literal(lokiComponentJob(c))).join("|") } };
}

/** PromQL label matchers selecting one component's targets in the stack namespace. */
export function jobSelector(job: StackJob, namespace: string): string {
    const regex = Object.entries(job.match).map(([label, re]) => `${label}=~${JSON.stringify(re)}`);
    return `{${[`namespace=${JSON.stringify(namespace)}`, ...regex].join(", ")}}`;
}
