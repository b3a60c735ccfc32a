/**
 * Per-application alerts for each entry of `apps`: 5xx share, p95 latency and scrape target
 * down, with the app's thresholds. Alerts carry `service=<app name>` (and `team` when set),
 * so each app is its own Alertmanager group.
 */
import type { AppConfig } from "../../schema";
import { eq, POD_OR_ALL, re, sel, targetDown } from "./queries";
import type { AlertRule, RuleGroup } from "./types";

/** Window of the rates behind the error-ratio and latency alerts. */
export const APP_RATE_WINDOW = "5m";

/**
 * Matchers for an app's series: the namespace it runs in and the `job` its monitor gives it.
 * The operator would set `job` to the Service's name (ServiceMonitor) or to `<monitor
 * namespace>/<monitor name>` (PodMonitor), which changed when the monitors moved to the stack
 * namespace; the monitor's relabeling overrides both with the app's name
 * (builders/app-monitors.ts), so that is the only value to match. `namespace` is the
 * target's, not the monitor's.
 */
export function appMatchers(app: AppConfig): string[] {
    return [eq("namespace", app.namespace), eq("job", app.name)];
}

/**
 * The app's alert group. An availability SLO replaces the 5xx-share alert: its burn-rate
 * alerts (builders/rules/slos.ts) page on the same failures without paging on a short spike.
 */
export function appRuleGroup(app: AppConfig): RuleGroup {
    const replaced = app.slos.some((s) => s.sli.kind === "availability");
    return {
        name: `app.${app.namespace}.${app.name}`,
        rules: [...(replaced ? [] : [errorRatioRule(app)]), latencyRule(app), targetDownRule(app)],
    };
}

/** Routing labels of every alert about the app: severity, service (the app) and its team. */
export function appLabels(app: AppConfig, severity: AlertRule["labels"]["severity"]): AlertRule["labels"] {
    return { severity, service: app.name, ...(app.team === undefined ? {} : { team: app.team }) };
}

export function errorRatioRule(app: AppConfig): AlertRule {
    const m = appMatchers(app);
    const requests = app.metrics.requestsTotal;
    // `5..` also matches a status label that carries classes such as "5xx".
    const errors = sel(requests, [...m, re(app.metrics.statusLabel, "5..")]);
    const sum = (s: string) => `sum by (namespace) (rate(${s}[${APP_RATE_WINDOW}]))`;
    return {
        alert: "AppHighErrorRatio",
        expr: `${sum(errors)} / ${sum(sel(requests, m))} > ${app.alerts.errorRatio}`,
        for: "10m",
        labels: appLabels(app, "critical"),
        annotations: {
            summary: `${app.name} answers too many requests with 5xx.`,
            description: `{{ $value | humanizePercentage }} of ${app.name}'s requests in {{ $labels.namespace }} failed with 5xx over ${APP_RATE_WINDOW} (threshold ${app.alerts.errorRatio * 100}%).`,
        },
    };
}

export function latencyRule(app: AppConfig): AlertRule {
    const buckets = sel(`${app.metrics.durationHistogram}_bucket`, appMatchers(app));
    return {
        alert: "AppHighLatencyP95",
        expr: `histogram_quantile(0.95, sum by (namespace, le) (rate(${buckets}[${APP_RATE_WINDOW}]))) > ${app.alerts.latencyP95Seconds}`,
        for: "15m",
        labels: appLabels(app, "warning"),
        annotations: {
            summary: `${app.name} is slow.`,
            description: `The 95th percentile of ${app.name}'s request duration in {{ $labels.namespace }} is {{ $value | humanizeDuration }} (threshold ${app.alerts.latencyP95Seconds}s).`,
        },
    };
}

export function targetDownRule(app: AppConfig): AlertRule {
    return {
        alert: "AppTargetDown",
        expr: targetDown(appMatchers(app)),
        for: "5m",
        labels: appLabels(app, "critical"),
        annotations: {
            summary: `${app.name} cannot be scraped.`,
            description: `${app.name} in ${app.namespace}: ${POD_OR_ALL} has been down, or absent, for 5 minutes.`,
        },
    };
}
