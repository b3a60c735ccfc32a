/**
 * Rule groups of the alerts a team defines in the config (schema/custom-alerts.ts): one group
 * of stack-wide alerts, one per app that has some. Metric alerts become PrometheusRule groups;
 * log alerts (builders/rules/log-alerts.ts) become rule files of Loki's ruler, in the same
 * shape. Every alert carries `service` (and `team` when known), so it routes like the stack's.
 */
import type { AppConfig, StackConfig } from "../../schema";
import type { MetricAlertConfig } from "../../schema/custom-alerts";
import { appDashboardUid, STACK_HEALTH_UID } from "../dashboards/uid";

/** `service` of a stack-wide alert that names none. */
export const CUSTOM_SERVICE = "custom";

/** A user-defined alert as Prometheus' and Loki's rule files hold it. */
export interface CustomAlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}

export interface CustomRuleGroup {
    name: string;
    rules: CustomAlertRule[];
}

/** The fields metric and log alerts share; `expr` is already in the rule's query language. */
type AlertConfig = Omit<MetricAlertConfig, "expr"> & { expr: string };

/** Where an alert belongs: the app it is about, or the stack. */
export interface AlertOwner {
    service: string;
    team?: string;
    /** Grafana dashboard uid shown in the notification. */
    dashboardUid?: string;
}

/** Grafana's base URL when the stack publishes one (grafana.ingress), else undefined. */
export function grafanaUrl(config: Pick<StackConfig, "grafana">): string | undefined {
    const ingress = config.grafana.ingress;
    return ingress.enabled && ingress.host !== undefined ? `https://${ingress.host}` : undefined;
}

/** The owner of stack-wide alerts, and of an app's. */
export function stackOwner(config: Pick<StackConfig, "dashboards">): AlertOwner {
    return { service: CUSTOM_SERVICE, dashboardUid: config.dashboards.enabled ? STACK_HEALTH_UID : undefined };
}

export function appOwner(app: AppConfig, config: Pick<StackConfig, "dashboards">): AlertOwner {
    return { service: app.name, team: app.team, dashboardUid: config.dashboards.enabled ? appDashboardUid(app) : undefined };
}

/**
 * One rule. The alert's own service and team win over the owner's; annotations are only those
 * given, plus `dashboard` (a Grafana link) where the stack publishes Grafana and the dashboard
 * exists: the notification templates (builders/notifications/) show them.
 */
export function customRule(a: AlertConfig, owner: AlertOwner, grafana: string | undefined): CustomAlertRule {
    const team = a.team ?? owner.team;
    const labels: Record<string, string> = {
        ...a.labels,
        ...(a.severity === undefined ? {} : { severity: a.severity }),
        service: a.service ?? owner.service,
        ...(team === undefined ? {} : { team }),
    };
    const annotations: Record<string, string> = {
        ...(a.summary === undefined ? {} : { summary: a.summary }),
        ...(a.description === undefined ? {} : { description: a.description }),
        ...(a.runbookUrl === undefined ? {} : { runbook_url: a.runbookUrl }),
        ...(grafana === undefined || owner.dashboardUid === undefined ? {} : { dashboard: `${grafana}/d/${owner.dashboardUid}` }),
    };
    return { alert: a.name, expr: a.expr, for: a.for, labels, annotations };
}

/** Group name of the stack-wide metric alerts. */
export const STACK_METRIC_GROUP = "custom.metrics";

/** The stack-wide metric alerts, as one group; none when there are none. */
export function stackMetricAlertGroups(config: StackConfig): CustomRuleGroup[] {
    const owner = stackOwner(config);
    const rules = config.alerting.metricAlerts.map((a) => customRule(a, owner, grafanaUrl(config)));
    return rules.length === 0 ? [] : [{ name: STACK_METRIC_GROUP, rules }];
}

/** An app's own metric alerts, as one group `custom.<namespace>.<name>`; none when it has none. */
export function appMetricAlertGroups(app: AppConfig, config: StackConfig): CustomRuleGroup[] {
    const owner = appOwner(app, config);
    const rules = app.metricAlerts.map((a) => customRule(a, owner, grafanaUrl(config)));
    return rules.length === 0 ? [] : [{ name: `custom.${app.namespace}.${app.name}`, rules }];
}

/** Every user-defined metric alert of a stack as one Prometheus rule file (promtool, tests). */
export function customMetricRuleFile(config: StackConfig): { groups: CustomRuleGroup[] } {
    return { groups: [...stackMetricAlertGroups(config), ...config.apps.flatMap((app) => appMetricAlertGroups(app, config))] };
}
