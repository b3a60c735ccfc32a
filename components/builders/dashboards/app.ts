/**
 * One dashboard per onboarded app (`apps`): request rate, p50/p95 latency and 5xx ratio from
 * the app's own metrics, with the app's alert thresholds drawn in, and its error logs.
 * Series are selected exactly as the app's alert rules select them (rules/apps.ts), so what
 * the graph shows is what the alert evaluates.
 */
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { AppConfig } from "../../schema";
import { appStreamSelector } from "../log-pipelines";
import { appErrorLogs as jsonAppErrorLogs } from "../logql";
import { appMatchers } from "../rules/apps";
import { newDashboard } from "./base";
import { appDashboardUid } from "./uid";
import { graph, logLines, row } from "./panels";
export { appDashboardUid, MAX_UID_LENGTH } from "./uid";
import { LOG_WINDOW, RATE_WINDOW, lokiQuery, promQuery } from "./queries";

/**
 * Error lines. json apps: the log agent's JSON pipeline turns each line's `level` into a stream
 * label (JSON_LABELS in log-pipelines.ts); the query is the project's shared one (logql.ts:
 * error, fatal or critical in any case). text apps: lines containing the word "error".
 */
export function appErrorLogs(app: AppConfig): string {
    if (app.logFormat === "json") {
        return jsonAppErrorLogs(app);
    }
    return `${appStreamSelector(app)} |~ "(?i)\\\\berror\\\\b"`;
}

function metricPanels(app: AppConfig) {
    const m = `{${appMatchers(app).join(", ")}}`;
    const m5xx = `{${[...appMatchers(app), `${app.metrics.statusLabel}=~"5.."`].join(", ")}}`;
    const requests = (sel: string, by = "") => `sum${by}(rate(${app.metrics.requestsTotal}${sel}[${RATE_WINDOW}]))`;
    const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(${app.metrics.durationHistogram}_bucket${m}[${RATE_WINDOW}])))`;
    return [
        graph("Request rate", [promQuery("A", requests(m, ` by (${app.metrics.statusLabel}) `), { legend: `{{${app.metrics.statusLabel}}}` })], { unit: "reqps", width: 8, description: `rate(${app.metrics.requestsTotal}) by ${app.metrics.statusLabel}.` }),
        graph("Latency p50 / p95", [promQuery("A", quantile(0.5), { legend: "p50" }), promQuery("B", quantile(0.95), { legend: "p95" })], { unit: "s", width: 8, redAbove: app.alerts.latencyP95Seconds, description: `From ${app.metrics.durationHistogram}; red line: the p95 alert threshold.` }),
        graph("5xx ratio", [promQuery("A", `${requests(m5xx)} / ${requests(m)}`, { legend: "5xx" })], { unit: "percentunit", width: 8, redAbove: app.alerts.errorRatio, description: "Share of requests answered with 5xx; red line: the alert threshold." }),
    ];
}

function logPanels(app: AppConfig) {
    const errors = appErrorLogs(app);
    const rate = `sum(count_over_time(${errors} [${LOG_WINDOW}]))`;
    return [
        graph("Error log lines", [lokiQuery("A", rate, { legend: "errors" })], { unit: "short", width: 24, height: 6 }),
        logLines("Error logs", lokiQuery("A", errors), { description: app.logFormat === "json" ? "Lines whose level is error, fatal or critical (any case)." : "Lines containing the word error." }),
    ];
}

/** The dashboard of one app. */
export function appDashboard(app: AppConfig): dashboard.DashboardBuilder {
    const d = newDashboard({
        uid: appDashboardUid(app),
        title: `App: ${app.name} (${app.namespace})`,
        tags: ["app", `namespace:${app.namespace}`, ...(app.team === undefined ? [] : [`team:${app.team}`])],
        description: `Requests, latency, errors and error logs of ${app.name} in namespace ${app.namespace}.`,
        range: "3h",
        refresh: "1m",
    });
    d.withRow(row("Requests"));
    metricPanels(app).forEach((p) => d.withPanel(p));
    d.withRow(row("Logs"));
    logPanels(app).forEach((p) => d.withPanel(p));
    return d;
}
