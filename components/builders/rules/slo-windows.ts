/**
 * The multi-window, multi-burn-rate alert table (Google SRE workbook, "Alerting on SLOs",
 * table 5-8) as data. The workbook's factors are for a 30-day window: each alert fires when the
 * long window alone would spend `budgetFraction` of the 30-day budget. For another SLO window
 * the factor is scaled so that the budget fraction stays the same:
 * factor = budgetFraction x window / longWindow.
 */
import { durationSeconds } from "../../units";

export interface BurnAlertWindow {
    /** page: severity critical (on-call); ticket: severity warning. */
    kind: "page" | "ticket";
    /** Window whose burn rate must exceed the factor (Prometheus duration). */
    long: string;
    /** A twelfth of the long window: the alert stops soon after the burn stops. */
    short: string;
    /** Share of the whole window's error budget the long window spends at the factor. */
    budgetFraction: number;
}

export const BURN_ALERT_WINDOWS: readonly BurnAlertWindow[] = [
    { kind: "page", long: "1h", short: "5m", budgetFraction: 0.02 },
    { kind: "page", long: "6h", short: "30m", budgetFraction: 0.05 },
    { kind: "ticket", long: "1d", short: "2h", budgetFraction: 0.1 },
    { kind: "ticket", long: "3d", short: "6h", budgetFraction: 0.1 },
];

/** Every window an error ratio is recorded for, shortest first. */
export const SLI_WINDOWS: readonly string[] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

/** SLO windows shorter than this are refused: twice the longest alert window (3d), rounded to a week. */
export const MIN_SLO_WINDOW = "7d";

/** A number as PromQL and YAML print it, without float noise (1 - 0.999 is 0.0010000000000000009). */
export function num(x: number): string {
    return String(Number(x.toPrecision(12)));
}

/** The burn-rate factor of `w` for an SLO over `window`: 14.4, 6, 3 and 1 for 30d. */
export function burnFactor(w: BurnAlertWindow, window: string): number {
    return Number(((w.budgetFraction * durationSeconds(window)) / durationSeconds(w.long)).toPrecision(12));
}

/** The error budget of an objective given in percent: 99.9 -> 0.001. */
export function errorBudget(objectivePercent: number): number {
    return Number(((100 - objectivePercent) / 100).toPrecision(12));
}
