/** Every rule group of a stack: the stack watching itself, then one group per app. */
import type { StackConfig } from "../../schema";
import { appRuleGroup } from "./apps";
import { sloRuleGroups } from "./slos";
import { auditLogRules, eventExporterRules, logAgentRules, lokiRules } from "./logs-stack";
import { alertmanagerRules, prometheusRules } from "./metrics-stack";
import { thanosRules } from "./thanos";
import type { AlertRule, RecordingRule, RecordingRuleGroup, RuleGroup } from "./types";
import { volumeRules } from "./volumes";

/** Groups about the observability stack itself; components that are off get no rules. */
export function stackRuleGroups(config: StackConfig): RuleGroup[] {
    const ns = config.namespace;
    return [
        prometheusRules(ns),
        alertmanagerRules(ns),
        lokiRules(config),
        logAgentRules(config),
        ...(config.eventExporter.enabled ? [eventExporterRules(ns)] : []),
        ...(config.logAgent.auditLogs.enabled ? [auditLogRules(config)] : []),
        ...thanosRules(config),
        volumeRules(ns),
    ];
}

/** One group per onboarded app. */
export function appRuleGroups(config: StackConfig): RuleGroup[] {
    return config.apps.map(appRuleGroup);
}

/** Every app's SLO groups (recording rules and burn-rate alerts); none for apps without SLOs. */
export function sloRuleFile(config: StackConfig): { groups: RecordingRuleGroup[] } {
    return { groups: config.apps.flatMap(sloRuleGroups) };
}

/**
 * Every group the stack deploys, as one Prometheus rule file (`groups:`) for promtool and the
 * e2e tests: the stack's, then each app's alerts followed by its SLO groups, as AlertRules
 * puts them into PrometheusRules.
 */
export function ruleFile(config: StackConfig): { groups: (RuleGroup | RecordingRuleGroup)[] } {
    return { groups: [...stackRuleGroups(config), ...config.apps.flatMap((app) => [appRuleGroup(app), ...sloRuleGroups(app)])] };
}

/** The alert rules among a group's rules (SLO groups also hold recording rules). */
export function alertRulesOf(group: RuleGroup | RecordingRuleGroup): AlertRule[] {
    return (group.rules as (AlertRule | RecordingRule)[]).filter((r): r is AlertRule => "alert" in r);
}

/**
 * kube-prometheus-stack default rules (chart 88.x, templates/prometheus/rules-1.14) that the
 * groups above replace for this stack's own Prometheus and Alertmanager: same condition, but
 * without the `service` label routing needs. Listing them under the chart's
 * `defaultRules.disabled` avoids a second notification for one problem.
 * KubePersistentVolumeFillingUp stays on: it covers volumes in every namespace.
 */
export const SUPERSEDED_DEFAULT_RULES = [
    "PrometheusTSDBCompactionsFailing",
    "PrometheusRuleFailures",
    "PrometheusErrorSendingAlertsToAnyAlertmanager",
    "PrometheusNotConnectedToAlertmanagers",
    "AlertmanagerFailedToSendAlerts",
    // Fires when every replica fails an integration, which AlertmanagerNotificationsFailing
    // (per pod, critical) already pages for: left on, one SMTP outage pages on-call twice.
    "AlertmanagerClusterFailedToSendAlerts",
    "AlertmanagerFailedReload",
] as const;
