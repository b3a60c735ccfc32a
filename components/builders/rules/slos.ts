/**
 * Per-SLO recording rules and multi-window, multi-burn-rate alerts (Google SRE workbook,
 * "Alerting on SLOs"). Every series is named `slo:<what>:<how>` and labelled with the app's
 * namespace, `app` and `slo`, so dashboards and alerts select one SLO by those three.
 */
import type { InhibitRule } from "../alertmanager-types";
import type { AppConfig } from "../../schema";
import type { SloConfig } from "../../schema/slos";
import { durationSeconds } from "../../units";
import { appLabels } from "./apps";
import { eq, sel } from "./queries";
import { sliRates } from "./sli";
import { BURN_ALERT_WINDOWS, burnFactor, errorBudget, num, SLI_WINDOWS, type BurnAlertWindow } from "./slo-windows";
import type { AlertRule, RecordingRule, RecordingRuleGroup } from "./types";

/** Series names: error ratio per alert window, and what the whole-window ratio is summed from. */
export const SLO_SERIES = {
    errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
    errorsRate1h: "slo:sli_errors:rate1h",
    requestsRate: (window: string) => `slo:sli_requests:rate${window}`,
    /** Error ratio over the SLO's whole window; also labelled `window`. */
    windowErrorRatio: "slo:sli_error:ratio_window",
    objective: "slo:objective:ratio",
    /** Share of the window's error budget left: 1 untouched, 0 spent, below 0 overspent. */
    budgetRemaining: "slo:error_budget:remaining_ratio",
} as const;

export const SLO_ALERTS = { page: "AppSLOFastBurn", ticket: "AppSLOSlowBurn", absent: "AppSLOMetricsAbsent" } as const;

/** The labels every series of the SLO carries. */
export function sloLabels(app: AppConfig, slo: SloConfig): Record<string, string> {
    return { namespace: app.namespace, app: app.name, slo: slo.name };
}

/** One group per app with SLOs (none without), named `slo.<namespace>.<app>`. */
export function sloRuleGroups(app: AppConfig): RecordingRuleGroup[] {
    if (app.slos.length === 0) {
        return [];
    }
    return [{ name: `slo.${app.namespace}.${app.name}`, rules: app.slos.flatMap((slo) => [...sloRecordingRules(app, slo), ...sloAlerts(app, slo)]) }];
}

export function sloRecordingRules(app: AppConfig, slo: SloConfig): RecordingRule[] {
    const labels = sloLabels(app, slo);
    const rates = sliRates(app, slo.sli);
    const s = (name: string) => sel(name, Object.entries(labels).map(([k, v]) => eq(k, v)));
    const record = (name: string, expr: string, extra: Record<string, string> = {}): RecordingRule => ({ record: name, expr, labels: { ...labels, ...extra } });
    const pageWindows = [...new Set(BURN_ALERT_WINDOWS.filter((w) => w.kind === "page").map((w) => w.long))];
    // The whole window as hourly steps of the 1h recordings: a few hundred samples per
    // evaluation, not a range over every raw sample of 30 days. Rates of equal-length hours
    // sum in proportion to counts, so this is the ratio of failed to all requests.
    const sumOverWindow = (name: string) => `sum_over_time(${s(name)}[${slo.window}:1h])`;
    const window = { window: slo.window };
    return [
        ...SLI_WINDOWS.map((w) => record(SLO_SERIES.errorRatio(w), `${rates.errors(w)} / ${rates.total(w)}`)),
        ...pageWindows.map((w) => record(SLO_SERIES.requestsRate(w), rates.total(w))),
        record(SLO_SERIES.errorsRate1h, rates.errors("1h")),
        record(SLO_SERIES.windowErrorRatio, `${sumOverWindow(SLO_SERIES.errorsRate1h)} / ${sumOverWindow(SLO_SERIES.requestsRate("1h"))}`, window),
        record(SLO_SERIES.objective, `vector(${num(slo.objective / 100)})`, window),
        record(SLO_SERIES.budgetRemaining, `1 - ${s(SLO_SERIES.windowErrorRatio)} / ${num(errorBudget(slo.objective))}`, window),
    ];
}

export function sloAlerts(app: AppConfig, slo: SloConfig): AlertRule[] {
    const labels = sloLabels(app, slo);
    const s = (name: string) => sel(name, Object.entries(labels).map(([k, v]) => eq(k, v)));
    const budget = errorBudget(slo.objective);
    const condition = (w: BurnAlertWindow) => {
        const threshold = num(burnFactor(w, slo.window) * budget);
        const burning = `${s(SLO_SERIES.errorRatio(w.long))} > ${threshold} and ${s(SLO_SERIES.errorRatio(w.short))} > ${threshold}`;
        // Low-traffic guard: a page needs minRequests in its long window.
        const guarded = w.kind === "page" && slo.minRequests > 0;
        const enough = `${s(SLO_SERIES.requestsRate(w.long))} * ${durationSeconds(w.long)} >= ${slo.minRequests}`;
        return `(${burning}${guarded ? ` and ${enough}` : ""})`;
    };
    const burnAlert = (kind: BurnAlertWindow["kind"]): AlertRule => {
        const windows = BURN_ALERT_WINDOWS.filter((w) => w.kind === kind);
        const table = windows.map((w) => `${w.long}/${w.short} above ${Number(burnFactor(w, slo.window).toPrecision(3))}x`).join(" or ");
        return {
            alert: SLO_ALERTS[kind],
            expr: windows.map(condition).join(" or "),
            for: "0s",
            // `slo` is on the series too; on the rule it keeps two SLOs' alerts apart for promtool's lint.
            labels: { ...appLabels(app, kind === "page" ? "critical" : "warning"), slo: slo.name },
            annotations: {
                summary: `${app.name} is spending its ${slo.name} error budget too fast.`,
                description: `{{ $value | humanizePercentage }} of ${app.name}'s requests in ${app.namespace} fail the ${slo.name} SLO (objective ${slo.objective}% over ${slo.window}): burn rate ${table}.`,
            },
        };
    };
    return [
        burnAlert("page"),
        burnAlert("ticket"),
        {
            alert: SLO_ALERTS.absent,
            expr: `absent(${sliRates(app, slo.sli).presence})`,
            for: "15m",
            labels: { ...appLabels(app, "warning"), slo: slo.name },
            annotations: {
                summary: `${app.name}'s ${slo.name} SLO has no data.`,
                description: `The series the ${slo.name} SLO of ${app.name} in ${app.namespace} is computed from have been absent for 15 minutes: the app is not scraped, or a metric or label was renamed.`,
            },
        },
    ];
}

/**
 * A page mutes the ticket of the same SLO: both mean the budget burns, and the page says it
 * louder. They have different alert names, so the general critical-over-warning rule (same
 * alertname) leaves them alone, and a page of one SLO never hides a ticket of another.
 */
export function sloInhibition(): InhibitRule {
    return {
        source_matchers: [`alertname="${SLO_ALERTS.page}"`],
        target_matchers: [`alertname="${SLO_ALERTS.ticket}"`],
        equal: ["namespace", "service", "slo"],
    };
}
