/**
 * Prometheus and Alertmanager watching themselves (and each other, with more than one replica).
 * The windows and thresholds follow the upstream prometheus and alertmanager mixins that
 * kube-prometheus-stack's defaultRules are generated from; these copies are scoped to the
 * stack's namespace and carry the `service` label that routing needs.
 */
import { eq, increased, POD_OR_ALL, rateRatioAbove, sel, targetDown } from "./queries";
import { SERVICES, STACK_JOBS } from "./targets";
import type { AlertRule, RuleGroup } from "./types";

const PROMETHEUS_BY = ["namespace", "pod"];

export function prometheusRules(namespace: string): RuleGroup {
    const m = [eq("job", STACK_JOBS.prometheus), eq("namespace", namespace)];
    return {
        name: "observability-stack.prometheus",
        rules: [...prometheusStorageRules(m), ...prometheusAlertingRules(m)],
    };
}

/** Down, and the TSDB failing to compact or to write its WAL. */
function prometheusStorageRules(m: string[]): AlertRule[] {
    const service = SERVICES.prometheus;
    const by = PROMETHEUS_BY;
    return [
        {
            alert: "PrometheusDown",
            expr: targetDown(m),
            for: "5m",
            labels: { severity: "critical", service },
            annotations: {
                summary: "Prometheus is down.",
                description: `Prometheus in {{ $labels.namespace }}: ${POD_OR_ALL} has not been scraped successfully for 5 minutes; with one replica nothing else evaluates alerts.`,
            },
        },
        {
            alert: "PrometheusTSDBCompactionsFailing",
            expr: increased(sel("prometheus_tsdb_compactions_failed_total", m), by, "3h"),
            for: "15m",
            labels: { severity: "warning", service },
            annotations: {
                summary: "Prometheus fails to compact its TSDB blocks.",
                description: "{{ $labels.pod }} had {{ $value | humanize }} compaction failures in the last 3 hours; the head block grows and so does memory. Check the volume and the pod's log.",
            },
        },
        {
            alert: "PrometheusWALCorruptions",
            expr: increased(sel("prometheus_tsdb_wal_corruptions_total", m), by, "3h"),
            for: "5m",
            labels: { severity: "warning", service },
            annotations: {
                summary: "Prometheus found a corrupted write-ahead log.",
                description: "{{ $labels.pod }} repaired {{ $value | humanize }} WAL corruptions in the last 3 hours; samples after the corruption were lost. Check the volume for I/O errors.",
            },
        },
        {
            alert: "PrometheusWALWritesFailing",
            expr: increased(sel("prometheus_tsdb_wal_writes_failed_total", m), by, "5m"),
            for: "5m",
            labels: { severity: "critical", service },
            annotations: {
                summary: "Prometheus cannot write its write-ahead log.",
                description: "{{ $labels.pod }} fails to append to its WAL; new samples are being lost. The volume is probably full or failing.",
            },
        },
    ];
}

/** Rules not evaluated, alerts not sent: the failures that make every other alert silent. */
function prometheusAlertingRules(m: string[]): AlertRule[] {
    const service = SERVICES.prometheus;
    const by = PROMETHEUS_BY;
    return [
        {
            alert: "PrometheusRuleEvaluationFailures",
            expr: increased(sel("prometheus_rule_evaluation_failures_total", m), by, "5m"),
            for: "15m",
            labels: { severity: "critical", service },
            annotations: {
                summary: "Prometheus fails to evaluate rules.",
                description: "{{ $labels.pod }} failed {{ $value | humanize }} rule evaluations in 5 minutes; alerts may be missed.",
            },
        },
        {
            alert: "PrometheusErrorSendingAlerts",
            expr: rateRatioAbove(sel("prometheus_notifications_errors_total", m), sel("prometheus_notifications_sent_total", m), by, "5m", 0.03),
            for: "15m",
            labels: { severity: "critical", service },
            annotations: {
                summary: "Prometheus fails to send alerts to Alertmanager.",
                description: "{{ $value | humanizePercentage }} of alerts from {{ $labels.pod }} to Alertmanager fail.",
            },
        },
        {
            alert: "PrometheusNotConnectedToAlertmanagers",
            expr: `max_over_time(${sel("prometheus_notifications_alertmanagers_discovered", m)}[5m]) < 1`,
            for: "10m",
            labels: { severity: "critical", service },
            annotations: {
                summary: "Prometheus knows no Alertmanager.",
                description: "{{ $labels.pod }} has discovered no Alertmanager for 10 minutes; no alert can be delivered.",
            },
        },
    ];
}

export function alertmanagerRules(namespace: string): RuleGroup {
    const m = [eq("job", STACK_JOBS.alertmanager), eq("namespace", namespace)];
    const service = SERVICES.alertmanager;
    return {
        name: "observability-stack.alertmanager",
        rules: [
            {
                alert: "AlertmanagerDown",
                expr: targetDown(m),
                for: "5m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "Alertmanager is down.",
                    description: `Alertmanager in {{ $labels.namespace }}: ${POD_OR_ALL} has not been scraped successfully for 5 minutes.`,
                },
            },
            {
                // When the failing integration is the one this alert would travel on, only the
                // other receivers (or an external dead-man's switch on Watchdog) will tell.
                alert: "AlertmanagerNotificationsFailing",
                expr: rateRatioAbove(
                    sel("alertmanager_notifications_failed_total", m),
                    sel("alertmanager_notifications_total", m),
                    ["namespace", "pod", "integration"], "5m", 0.01,
                ),
                for: "5m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "Alertmanager fails to deliver notifications.",
                    description: "{{ $value | humanizePercentage }} of {{ $labels.integration }} notifications from {{ $labels.pod }} fail; check the SMTP relay, Slack or webhook endpoint and the credentials Secret.",
                },
            },
            {
                alert: "AlertmanagerConfigReloadFailed",
                expr: `max_over_time(${sel("alertmanager_config_last_reload_successful", m)}[5m]) == 0`,
                for: "10m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "Alertmanager rejected its configuration.",
                    description: "{{ $labels.pod }} failed to load its latest configuration and keeps running the previous one.",
                },
            },
        ],
    };
}
