/**
 * Alerts a team defines in the stack config: stack-wide (`alerting.metricAlerts`,
 * `alerting.logAlerts`) and per app (`apps[].metricAlerts`, `apps[].logAlerts`). Each is checked as Prometheus would check it, but at `pulumi
 * preview`: the expression parses, the names are valid, the annotation templates are sound.
 */
import { z } from "zod";
import { alertTemplateProblem } from "./alert-templates";
import { durationOrZero, httpUrl, promLabelName } from "./primitives";
import { logqlAlertError } from "./logql";
import { promqlSyntaxError } from "./promql";

/** Labels that have a field of their own, or that Prometheus sets. */
const RESERVED_LABELS = ["alertname", "severity", "service", "team"];

const labelValue = (example: string) =>
    z.string().regex(/^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/, { message: `expected a label value such as ${example}: lower-case letters, digits, '-', '_' or '.', at most 63 characters` });

/**
 * Alert names as the stack's own are written (UpperCamelCase): the name is the `alertname`
 * label routing and silences match on, so it stays a plain identifier.
 */
export const alertName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, { message: "expected an alert name such as SealingJobsFailing: a letter, then letters, digits or '_', at most 100 characters" });

/** An annotation that Prometheus expands as a Go template. */
const templated = (example: string) =>
    z
        .string()
        .min(1, { message: `expected a text such as "${example}"` })
        .superRefine((text, ctx) => {
            const problem = alertTemplateProblem(text);
            if (problem !== undefined) {
                ctx.addIssue({ code: "custom", message: `expected text with valid Prometheus templates such as "${example}"; it has ${problem}` });
            }
        });

/** A query checked by `syntaxError` (PromQL here, LogQL for log alerts). */
export const queryOf = (language: string, example: string, syntaxError: (q: string) => string | undefined) =>
    z.string({ message: `expected a ${language} expression such as ${example}` }).superRefine((expr, ctx) => {
        const error = expr.trim() === "" ? "nothing in it" : syntaxError(expr);
        if (error !== undefined) {
            ctx.addIssue({ code: "custom", message: `expected a ${language} expression such as ${example}; it has ${error}` });
        }
    });

/** The fields every user-defined alert has, metric or log. */
export const alertFields = {
    name: alertName,
    /** How long the condition must hold before the alert fires. Default 0s: at once. */
    for: durationOrZero.default("0s"),
    /** Routing: critical pages on-call. Optional here; the policy pack flags alerts without one. */
    severity: z.enum(["critical", "warning", "info"], { message: "expected critical, warning or info" }).optional(),
    /** Owning service; default: the app's name, or `custom` for stack-wide alerts. */
    service: labelValue("sealing").optional(),
    /** Owning team; routes to the receiver of that name when there is one. Default: the app's team. */
    team: labelValue("payments").optional(),
    /** One line saying what is wrong; the notification's headline. */
    summary: templated("Sealing jobs fail").optional(),
    description: templated("{{ $value }} sealing jobs failed in {{ $labels.namespace }} over 10 minutes").optional(),
    runbookUrl: httpUrl.optional(),
    /** Further labels for routing and silencing. */
    labels: z.record(promLabelName, labelValue("eu-west")).default({}),
};

const METRIC_EXAMPLE = "increase(sealing_jobs_failed_total[10m]) > 5";

export const metricAlertSchema = z
    .object({ ...alertFields, expr: queryOf("PromQL", METRIC_EXAMPLE, promqlSyntaxError) })
    .strict()
    .superRefine(checkReservedLabels, { when: (p) => typeof p.value === "object" && p.value !== null });

export type MetricAlertConfig = z.infer<typeof metricAlertSchema>;

const LOG_EXAMPLE = 'sum(count_over_time({namespace="shop", app="api"} |= "internal server error" [5m])) > 10';

/** A log alert: the same fields, a LogQL metric expression that Loki's ruler evaluates. */
export const logAlertSchema = z
    .object({ ...alertFields, expr: queryOf("LogQL metric", LOG_EXAMPLE, logqlAlertError) })
    .strict()
    .superRefine(checkReservedLabels, { when: (p) => typeof p.value === "object" && p.value !== null });

export type LogAlertConfig = z.infer<typeof logAlertSchema>;

/** `labels` may not set what a field sets, so one alert has one owner and one severity. */
export function checkReservedLabels(a: { labels?: unknown }, ctx: z.RefinementCtx): void {
    const labels = typeof a.labels === "object" && a.labels !== null ? Object.keys(a.labels) : [];
    for (const name of labels.filter((l) => RESERVED_LABELS.includes(l))) {
        ctx.addIssue({
            code: "custom",
            path: ["labels", name],
            message: name === "alertname" ? "expected no alertname label: the alert's name sets it" : `expected no ${name} label here: set the alert's ${name} field`,
        });
    }
}

/** A list of alerts in which each name appears once: they form one rule group. */
export const alertList = <T extends z.ZodType>(alert: T) =>
    z.array(alert).superRefine((alerts, ctx) => {
        const seen = new Map<string, number>();
        alerts.forEach((a, i) => {
            const name = (a as { name?: unknown })?.name;
            if (typeof name !== "string") {
                return;
            }
            const first = seen.get(name);
            if (first !== undefined) {
                ctx.addIssue({ code: "custom", path: [i, "name"], message: `expected alert names unique within the group, "${name}" is also entry ${first}` });
            }
            seen.set(name, first ?? i);
        });
    }, { when: (p) => Array.isArray(p.value) });
