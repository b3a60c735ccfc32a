/**
 * Alerting as code through the program, as `pulumi preview` meets it: a bad alert, route or
 * time interval stops the program before any resource is registered, and every problem among
 * them is reported in one run.
 */
import * as assert from "assert";
import { ConfigError } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { evaluateProgram, rejectedProblem } from "../helpers/program";

const ALERT = { name: "SealingJobsFailing", expr: "increase(sealing_jobs_failed_total[10m]) > 5", severity: "critical", summary: "Sealing jobs fail." };
const LOG_ALERT = { name: "ApiErrors", expr: 'sum(count_over_time({app="api"} |= "error" [5m])) > 10', severity: "warning", summary: "API errors" };
const TEAM = { payments: { email: ["payments@example.com"] } };
const WINDOW = { name: "maintenance", periods: [{ weekdays: ["saturday"], times: [{ start: "22:00", end: "24:00" }] }] };

const CASES: [string, ConfigTree, string, RegExp][] = [
    ["a PromQL syntax error", { alerting: { metricAlerts: [{ ...ALERT, expr: "increase(sealing_jobs_failed_total[10m] > 5" }] } }, "observability:alerting.metricAlerts.0.expr", /PromQL expression .* syntax error at character/],
    ["a LogQL syntax error", { alerting: { logAlerts: [{ ...LOG_ALERT, expr: 'sum(count_over_time({app="api" |= "error" [5m])) > 10' }] } }, "observability:alerting.logAlerts.0.expr", /LogQL metric expression .* syntax error at character/],
    ["a duplicate alert name in a group", { alerting: { metricAlerts: [ALERT, ALERT] } }, "observability:alerting.metricAlerts.1.name", /unique within the group/],
    ["an unknown receiver in a route", { alerting: { receivers: TEAM, routes: [{ receiver: "payment", matchers: ['team="payments"'] }] } }, "observability:alerting.routes.0.receiver", /receiver in alerting.receivers: default, onCall, security, payments/],
    ["an undefined time interval", { alerting: { receivers: TEAM, routes: [{ receiver: "payments", matchers: ['team="payments"'], muteTimeIntervals: ["maintenance"] }] } }, "observability:alerting.routes.0.muteTimeIntervals.0", /entry in alerting.timeIntervals/],
    ["overlapping time ranges", { alerting: { timeIntervals: [{ ...WINDOW, periods: [{ times: [{ start: "08:00", end: "12:00" }, { start: "09:00", end: "10:00" }] }] }] } }, "observability:alerting.timeIntervals.0.periods.0.times.1", /do not overlap/],
    ["a malformed time range", { alerting: { timeIntervals: [{ ...WINDOW, periods: [{ times: [{ start: "8am", end: "12:00" }] }] }] } }, "observability:alerting.timeIntervals.0.periods.0.times.0.start", /HH:MM/],
];

describe("stack config: alerting as code, through the program", () => {
    for (const [why, overrides, key, expects] of CASES) {
        it(`rejects ${why}, naming ${key}, before any resource is registered`, async () => {
            const { problem } = await rejectedProblem("dev", overrides, key);
            assert.match(problem, expects);
        });
    }

    it("reports a bad alert, log alert, route and time interval together", async () => {
        const run = await evaluateProgram("dev", {
            alerting: {
                receivers: TEAM,
                metricAlerts: [{ ...ALERT, expr: "rate(x[5m]" }],
                logAlerts: [{ ...LOG_ALERT, expr: '{app="api"}' }],
                routes: [{ receiver: "nobody", matchers: ['team="payments"'], activeTimeIntervals: ["office"] }],
                timeIntervals: [{ ...WINDOW, timeZone: "Mars/Olympus" }],
            },
            apps: [{ name: "api", namespace: "shop", selector: { app: "api" }, metricAlerts: [{ ...ALERT, description: "{{ $value" }] }],
        });
        assert.ok(run.error instanceof ConfigError);
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of [
            "alerting.metricAlerts.0.expr",
            "alerting.logAlerts.0.expr",
            "alerting.routes.0.receiver",
            "alerting.routes.0.activeTimeIntervals.0",
            "alerting.timeIntervals.0.timeZone",
            "apps.0.metricAlerts.0.description",
        ]) {
            assert.ok(keys.includes(`observability:${key}`), `missing ${key} in ${keys.join(", ")}`);
        }
    });
});
