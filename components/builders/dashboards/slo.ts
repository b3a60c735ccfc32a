/**
 * One error-budget dashboard per app with SLOs (`apps[].slos`), a row per SLO: the objective,
 * the SLI over the SLO window, the budget left, and the burn rate of each alert's two windows
 * with the alert's factor drawn as a red line. Every query reads the SLO's recorded series
 * (builders/rules/slos.ts), so the panels show exactly what the burn-rate alerts evaluate, and
 * a 30-day SLI costs the dashboard one series, not a range over 30 days of raw samples.
 */
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { AppConfig } from "../../schema";
import type { SloConfig } from "../../schema/slos";
import { SLO_ALERTS, SLO_SERIES, sloLabels } from "../rules/slos";
import { BURN_ALERT_WINDOWS, burnFactor, errorBudget, num, type BurnAlertWindow } from "../rules/slo-windows";
import { newDashboard } from "./base";
import { graph, row, singleStat } from "./panels";
import { matchers, promQuery } from "./queries";
import { sloDashboardUid } from "./uid";

/** Budget left below which the stat turns yellow: a quarter, time to slow down risky changes. */
const BUDGET_LOW = 0.25;

/** The SLO's queries, each one recorded series selected by namespace, app and slo. */
export function sloQueries(app: AppConfig, slo: SloConfig) {
    const s = (name: string) => `${name}${matchers(sloLabels(app, slo))}`;
    const budget = num(errorBudget(slo.objective));
    return {
        objective: s(SLO_SERIES.objective),
        /** Share of requests that met the SLO over its window: 1 - the window's error ratio. */
        sli: `1 - ${s(SLO_SERIES.windowErrorRatio)}`,
        budgetRemaining: s(SLO_SERIES.budgetRemaining),
        /** Error ratio over `window` in units of the error budget: 1 spends it exactly in the SLO window. */
        burnRate: (window: string) => `${s(SLO_SERIES.errorRatio(window))} / ${budget}`,
    };
}

/** Green, yellow under a quarter of the budget, red once it is spent. */
function budgetThresholds(): dashboard.ThresholdsConfigBuilder {
    return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
        { value: null, color: "red" },
        { value: 0, color: "yellow" },
        { value: BUDGET_LOW, color: "green" },
    ]);
}

function burnPanel(app: AppConfig, slo: SloConfig, w: BurnAlertWindow) {
    const q = sloQueries(app, slo);
    const factor = Number(burnFactor(w, slo.window).toPrecision(3));
    const alert = SLO_ALERTS[w.kind];
    const guard = w.kind === "page" && slo.minRequests > 0 ? `, once the ${w.long} window holds ${slo.minRequests} requests` : "";
    return graph(`${w.kind === "page" ? "Page" : "Ticket"}: burn rate ${w.long} / ${w.short}`, [
        promQuery("A", q.burnRate(w.long), { legend: w.long }),
        promQuery("B", q.burnRate(w.short), { legend: w.short }),
    ], {
        width: 6,
        redAbove: burnFactor(w, slo.window),
        description: `Error ratio over ${w.long} and ${w.short} divided by the error budget (${num(errorBudget(slo.objective) * 100)}%); 1 spends the budget exactly in ${slo.window}. ${alert} fires when both lines are above the red line (${factor}x, ${w.budgetFraction * 100}% of the budget in ${w.long})${guard}.`,
    }).min(0);
}

function sloPanels(app: AppConfig, slo: SloConfig) {
    const q = sloQueries(app, slo);
    return [
        singleStat("Objective", [promQuery("A", q.objective, { instant: true })], { unit: "percentunit", width: 8, description: `Share of requests that must succeed over ${slo.window}.` }).decimals(3),
        singleStat(`SLI over ${slo.window}`, [promQuery("A", q.sli, { instant: true })], { unit: "percentunit", width: 8, description: `Share of requests that met the SLO over the last ${slo.window}, summed from hourly steps (at most an hour behind).` }).decimals(3),
        singleStat("Error budget left", [promQuery("A", q.budgetRemaining, { instant: true })], { unit: "percentunit", width: 8, description: "100% untouched, 0 spent, below 0 overspent." })
            .decimals(1)
            .colorMode(common.BigValueColorMode.Background)
            .thresholds(budgetThresholds()),
        graph("Error budget left", [promQuery("A", q.budgetRemaining, { legend: "budget left" })], { unit: "percentunit", width: 12, description: `Share of the ${slo.window} error budget left at each point in time.` })
            .thresholds(budgetThresholds())
            .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed)),
        graph(`SLI over ${slo.window} and objective`, [promQuery("A", q.sli, { legend: "SLI" }), promQuery("B", q.objective, { legend: "objective" })], { unit: "percentunit", width: 12, description: "Below the objective line the budget is overspent." }).decimals(3),
        ...BURN_ALERT_WINDOWS.map((w) => burnPanel(app, slo, w)),
    ];
}

/** The error-budget dashboard of an app; call only for an app with SLOs. */
export function sloDashboard(app: AppConfig): dashboard.DashboardBuilder {
    const d = newDashboard({
        uid: sloDashboardUid(app),
        title: `SLOs: ${app.name} (${app.namespace})`,
        tags: ["slo", "app", `namespace:${app.namespace}`, ...(app.team === undefined ? [] : [`team:${app.team}`])],
        description: `Objectives, error budgets and burn rates of ${app.name}'s SLOs in namespace ${app.namespace}.`,
        // A week shows the slow-burn tickets' 3d window whole; the stats cover the SLO window anyway.
        range: "7d",
        refresh: "5m",
    });
    for (const slo of app.slos) {
        d.withRow(row(`${slo.name}: ${slo.objective}% over ${slo.window} (${slo.sli.kind})`));
        sloPanels(app, slo).forEach((p) => d.withPanel(p));
    }
    return d;
}
