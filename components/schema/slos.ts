/**
 * Service level objectives of an app (`apps[].slos`): what counts as a failed request (the
 * SLI), the share of requests that must succeed (objective, in percent) and the period it is
 * measured over (window). builders/rules/slos.ts turns each into recording rules and
 * multi-window, multi-burn-rate alerts.
 */
import { z } from "zod";
import { BURN_ALERT_WINDOWS, burnFactor, errorBudget, MIN_SLO_WINDOW } from "../builders/rules/slo-windows";
import { durationSeconds } from "../units";
import { promqlSyntaxError } from "./promql";
import { dnsLabelOf, duration } from "./primitives";

/** Defaults of an SLO entry. */
export const SLO_DEFAULTS = {
    /** The SRE workbook's period, and what the burn-rate factors are tabled for. */
    window: "30d",
    /**
     * Requests the page's long window (1h or 6h) must hold before it pages: at 99.9%, a page
     * then needs at least 15 failed requests in an hour (or 7 in six), never three at 4 a.m.
     */
    minRequests: 1000,
    /** Server errors; a status label holding classes ("5xx") matches too. */
    errorStatus: "5..",
} as const;

/** Where a custom SLI's expressions take the window the rule evaluates them over. */
export const WINDOW_PLACEHOLDER = "{{window}}";

const RATIO_FORM = `a PromQL expression with ${WINDOW_PLACEHOLDER} as its range, such as sum(rate(jobs_failed_total{queue="mail"}[${WINDOW_PLACEHOLDER}]))`;

/** A custom SLI expression: holds the placeholder, and parses once it is replaced. */
const ratioExpr = z
    .string({ message: `expected ${RATIO_FORM}` })
    .superRefine((expr, ctx) => {
        if (!expr.includes(WINDOW_PLACEHOLDER)) {
            ctx.addIssue({ code: "custom", message: `expected ${RATIO_FORM}; without ${WINDOW_PLACEHOLDER} every alert window would see the same ratio` });
            return;
        }
        const error = promqlSyntaxError(expr.split(WINDOW_PLACEHOLDER).join("5m"));
        if (error !== undefined) {
            ctx.addIssue({ code: "custom", message: `expected ${RATIO_FORM}; the expression has ${error}` });
        }
    });

const sliSchema = z.discriminatedUnion("kind", [
    z.object({
        kind: z.literal("availability"),
        /** Regex (RE2, anchored) over the app's status label that marks a failed request. */
        errorStatus: z
            .string()
            .regex(/^\S+$/, { message: "expected a regex over the status label such as 5.. or 5..|429" })
            .refine(isRegex, { message: "expected a valid regex over the status label such as 5.. or 5..|429" })
            .default(SLO_DEFAULTS.errorStatus),
    }).strict(),
    z.object({
        kind: z.literal("latency"),
        /** Requests slower than this fail; one of the app's metrics.durationBuckets. */
        thresholdSeconds: z.number({ message: "expected a number of seconds such as 0.25" }).positive({ message: "expected a positive number of seconds such as 0.25" }),
    }).strict(),
    z.object({
        kind: z.literal("ratio"),
        /** Rate of failed events over the window. */
        errors: ratioExpr,
        /** Rate of all events over the window. */
        total: ratioExpr,
    }).strict(),
], { message: "expected sli.kind availability, latency or ratio" });

const OBJECTIVE_FORM = "expected an objective in percent between 0 and 100, both excluded, such as 99.9";

export const sloSchema = z
    .object({
        name: dnsLabelOf("availability"),
        objective: z.number({ message: OBJECTIVE_FORM }).gt(0, { message: OBJECTIVE_FORM }).lt(100, { message: OBJECTIVE_FORM }),
        window: duration
            .refine((w) => !isDuration(w) || durationSeconds(w) % 3600 === 0, { message: "expected a window of whole hours such as 30d, 28d or 7d" })
            .refine((w) => !isDuration(w) || durationSeconds(w) >= durationSeconds(MIN_SLO_WINDOW), {
                message: `expected a window of at least ${MIN_SLO_WINDOW} such as 30d: the slowest ticket looks at 3d, which must stay a small part of the window`,
            })
            .default(SLO_DEFAULTS.window),
        /** Requests in a page's long window below which it stays silent; 0 turns the guard off. */
        minRequests: z.number({ message: "expected a whole number of requests such as 1000, or 0 for no low-traffic guard" })
            .int({ message: "expected a whole number of requests such as 1000, or 0 for no low-traffic guard" })
            .min(0, { message: "expected a whole number of requests such as 1000, or 0 for no low-traffic guard" })
            .default(SLO_DEFAULTS.minRequests),
        sli: sliSchema,
    })
    .strict()
    .superRefine(checkPageReachable, { when: (p) => typeof p.value === "object" && p.value !== null });

export type SloConfig = z.infer<typeof sloSchema>;
export type SliConfig = z.infer<typeof sliSchema>;

/** An app's SLOs: names unique within the app (they label its series and alerts). */
export const slosSchema = z.array(sloSchema).superRefine((slos, ctx) => {
    const seen = new Map<string, number>();
    slos.forEach((s, i) => {
        const name = (s as { name?: unknown } | undefined)?.name;
        if (typeof name !== "string") {
            return;
        }
        const first = seen.get(name);
        if (first !== undefined) {
            ctx.addIssue({ code: "custom", path: [i, "name"], message: `expected SLO names unique within the app: "${name}" is also slos.${first}` });
        }
        seen.set(name, first ?? i);
    });
}, { when: (p) => Array.isArray(p.value) });

/**
 * A page that can never fire is refused: its threshold, factor x error budget, must stay below
 * 100% failed requests (for 30d: an objective above about 93.06%).
 */
function checkPageReachable(slo: { objective?: unknown; window?: unknown }, ctx: z.RefinementCtx): void {
    const { objective, window } = slo;
    if (typeof objective !== "number" || !(objective > 0 && objective < 100) || typeof window !== "string" || !isDuration(window)) {
        return;
    }
    const fastest = Math.max(...BURN_ALERT_WINDOWS.map((w) => burnFactor(w, window)));
    if (fastest * errorBudget(objective) >= 1) {
        const lowest = Number((100 - 100 / fastest).toFixed(3));
        ctx.addIssue({
            code: "custom",
            path: ["objective"],
            message: `expected an objective above ${lowest} for a ${window} window: the fastest page fires at ${fastest}x the error budget, which at this objective is more than every request failing`,
        });
    }
}

/**
 * A latency SLO's threshold must be a bucket bound of the app's histogram: the SLI counts
 * requests in the `le` bucket of the threshold, and a bound the histogram lacks matches no
 * series, so the SLO would silently measure nothing.
 */
export function checkLatencyThresholds(app: { slos?: unknown; metrics?: { durationBuckets?: unknown } }, ctx: z.RefinementCtx): void {
    const buckets = app.metrics?.durationBuckets;
    if (!Array.isArray(app.slos) || !Array.isArray(buckets) || buckets.length === 0 || !buckets.every((b) => typeof b === "number")) {
        return;
    }
    app.slos.forEach((s: { sli?: { kind?: unknown; thresholdSeconds?: unknown } } | undefined, i) => {
        const t = s?.sli?.thresholdSeconds;
        if (s?.sli?.kind === "latency" && typeof t === "number" && !buckets.includes(t)) {
            ctx.addIssue({
                code: "custom",
                path: ["slos", i, "sli", "thresholdSeconds"],
                message: `expected one of the histogram's bucket bounds (metrics.durationBuckets: ${buckets.join(", ")})`,
            });
        }
    });
}

/**
 * An SLO window longer than Prometheus keeps data would report the budget of the retained part
 * only, as if it were the whole window.
 */
export function checkSloRetention(c: { apps?: unknown; prometheus?: { retention?: unknown } }, ctx: z.RefinementCtx): void {
    const retention = c.prometheus?.retention;
    if (!Array.isArray(c.apps) || typeof retention !== "string" || !isDuration(retention)) {
        return;
    }
    c.apps.forEach((app: { slos?: unknown } | undefined, i) => {
        (Array.isArray(app?.slos) ? app.slos : []).forEach((s: { window?: unknown } | undefined, j) => {
            // A window the SLO's own checks refuse is reported there only.
            if (typeof s?.window === "string" && isDuration(s.window) && durationSeconds(s.window) % 3600 === 0 && durationSeconds(s.window) > durationSeconds(retention)) {
                ctx.addIssue({
                    code: "custom",
                    path: ["apps", i, "slos", j, "window"],
                    message: `expected a window no longer than prometheus.retention (${retention}), which holds the data the SLO is computed from; the window is ${s.window} (${SLO_DEFAULTS.window} when unset): shorten it or raise the retention`,
                });
            }
        });
    });
}

function isDuration(w: string): boolean {
    try {
        return durationSeconds(w) >= 0;
    } catch {
        return false;
    }
}

function isRegex(text: string): boolean {
    try {
        new RegExp(`^(?:${text})$`);
        return true;
    } catch {
        return false;
    }
}
