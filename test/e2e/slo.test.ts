/**
 * promtool on the SLO rules (builders/rules/slos.ts) with synthetic traffic: each burn-rate
 * condition fires at 110% of its threshold and stays silent at 90%, a total outage pages
 * within the time the factor table implies, low traffic pages no one, the absent alert fires
 * when the series stop, and the remaining budget matches a value computed by hand.
 */
import * as assert from "assert";
import * as path from "path";
import { sloQueries } from "../../components/builders/dashboards/slo";
import { SLO_ALERTS } from "../../components/builders/rules/slos";
import { BURN_ALERT_WINDOWS, burnFactor } from "../../components/builders/rules/slo-windows";
import { durationSeconds } from "../../components/units";
import { writeYaml } from "./helpers/fixtures";
import { sloConfig, traffic, writeSloRules, type Phase } from "./helpers/slo-traffic";
import { toolSuite } from "./helpers/tool-suite";
import { run, TOOLS } from "./helpers/tools";

const BUDGET = 0.001;
const JOB = { namespace: "shop", job: "checkout" };
const ALERT_LABELS = { namespace: "shop", app: "checkout", service: "checkout", team: "payments", slo: "availability" };

interface Case { name: string; phases: Phase[]; evalMinutes: number; alert: string; fires: boolean }

/** Cases over days sample and evaluate every 5 minutes: the 2h and 6h short windows still hold 24 samples or more. */
function testFile(rules: string, cases: Case[], step = 1): Record<string, unknown> {
    return {
        rule_files: [rules],
        evaluation_interval: `${step}m`,
        tests: cases.map((c) => ({
            name: c.name,
            interval: `${step}m`,
            input_series: traffic(c.phases, step),
            alert_rule_test: [{
                eval_time: `${c.evalMinutes}m`,
                alertname: c.alert,
                exp_alerts: c.fires ? [{ exp_labels: { ...ALERT_LABELS, severity: c.alert === SLO_ALERTS.page ? "critical" : "warning" } }] : [],
            }],
        })),
    };
}

describe("promtool on the SLO rules", function () {
    const dir = toolSuite("promtool-slo", "promtool");

    const promtoolTest = async (rules: string, cases: Case[], name: string, step = 1) => {
        const file = writeYaml(path.join(dir(), name), testFile(rules, cases, step));
        return run(TOOLS.promtool, ["test", "rules", file], 600_000);
    };

    it("accepts the SLO rule file (promtool check rules)", async () => {
        const file = path.join(dir(), writeSloRules(dir(), sloConfig(), "check.yml"));
        const res = await run(TOOLS.promtool, ["check", "rules", file]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    for (const kind of ["page", "ticket"] as const) {
        it(`fires each ${kind} condition at 110% of its threshold and not at 90%`, async function () {
            this.timeout(600_000);
            const rules = writeSloRules(dir(), sloConfig(), `${kind}.yml`);
            const windows = BURN_ALERT_WINDOWS.filter((w) => w.kind === kind);
            const cases = windows.flatMap((w): Case[] => {
                const long = durationSeconds(w.long) / 60;
                // Healthy traffic first fills the longer window of the same severity, so it sees
                // the burn diluted and only this condition's windows can fire.
                const longer = windows.map((o) => durationSeconds(o.long) / 60).filter((m) => m > long);
                const healthy = longer.length === 0 ? 0 : Math.max(...longer);
                const at = (x: number): Phase[] => [
                    ...(healthy === 0 ? [] : [{ minutes: healthy, perMinute: 1000, errorShare: 0 }]),
                    { minutes: long, perMinute: 1000, errorShare: x * burnFactor(w, "30d") * BUDGET },
                ];
                const alert = SLO_ALERTS[kind];
                return [
                    { name: `${alert} ${w.long}/${w.short} at 110%`, phases: at(1.1), evalMinutes: healthy + long, alert, fires: true },
                    { name: `${alert} ${w.long}/${w.short} at 90%`, phases: at(0.9), evalMinutes: healthy + long, alert, fires: false },
                ];
            });
            const res = await promtoolTest(rules, cases, `${kind}-tests.yml`, kind === "page" ? 1 : 5);
            assert.strictEqual(res.code, 0, res.stdout + res.stderr);
        });
    }

    it("pages on a total outage within the bound the factor table implies, and not on a one-minute burst at 50%", async () => {
        const rules = writeSloRules(dir(), sloConfig(), "outage.yml");
        // At 100% errors the 1h ratio passes 14.4 x 0.1% after 14.4 x 0.001 x 60 = 0.864 minutes;
        // add one scrape and one evaluation.
        const bound = Math.ceil(burnFactor(BURN_ALERT_WINDOWS[0], "30d") * BUDGET * 60) + 2;
        const healthy: Phase = { minutes: 180, perMinute: 1000, errorShare: 0 };
        const res = await promtoolTest(rules, [
            { name: "page during a total outage", phases: [healthy, { minutes: 30, perMinute: 1000, errorShare: 1 }], evalMinutes: 180 + bound, alert: SLO_ALERTS.page, fires: true },
            { name: "no page before it", phases: [healthy, { minutes: 30, perMinute: 1000, errorShare: 1 }], evalMinutes: 180, alert: SLO_ALERTS.page, fires: false },
            ...[1, 2, 5, 30].map((after) => ({
                name: `no page ${after}m after a one-minute burst at 50%`,
                phases: [healthy, { minutes: 1, perMinute: 1000, errorShare: 0.5 }, { minutes: 60, perMinute: 1000, errorShare: 0 }],
                evalMinutes: 181 + after, alert: SLO_ALERTS.page, fires: false,
            })),
        ], "outage-tests.yml");
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("pages no one on a total outage at low traffic, unless the guard is off", async () => {
        // 2 requests a minute: 120 an hour and 720 in six, under the default 1000.
        const phases: Phase[] = [{ minutes: 300, perMinute: 2, errorShare: 0 }, { minutes: 60, perMinute: 2, errorShare: 1 }];
        const guarded = await promtoolTest(writeSloRules(dir(), sloConfig(), "low.yml"), [{ name: "guarded", phases, evalMinutes: 360, alert: SLO_ALERTS.page, fires: false }], "low-tests.yml");
        assert.strictEqual(guarded.code, 0, guarded.stdout + guarded.stderr);
        const open = await promtoolTest(writeSloRules(dir(), sloConfig({ minRequests: 0 }), "open.yml"), [{ name: "unguarded", phases, evalMinutes: 360, alert: SLO_ALERTS.page, fires: true }], "open-tests.yml");
        assert.strictEqual(open.code, 0, open.stdout + open.stderr);
    });

    it("fires the absent alert when the request series stop", async () => {
        const rules = writeSloRules(dir(), sloConfig(), "absent.yml");
        const file = writeYaml(path.join(dir(), "absent-tests.yml"), {
            rule_files: [rules],
            evaluation_interval: "1m",
            tests: [{
                interval: "1m",
                input_series: [{ series: 'http_requests_total{namespace="shop", job="checkout", code="200"}', values: "0+10x10 _x40" }],
                alert_rule_test: [
                    { eval_time: "10m", alertname: SLO_ALERTS.absent, exp_alerts: [] },
                    { eval_time: "40m", alertname: SLO_ALERTS.absent, exp_alerts: [{ exp_labels: { ...JOB, severity: "warning", service: "checkout", team: "payments", slo: "availability" } }] },
                ],
            }],
        });
        const res = await run(TOOLS.promtool, ["test", "rules", file], 60_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("records the remaining budget and objective a hand computation gives, and the error-budget dashboard reads them", async function () {
        this.timeout(600_000);
        // 7 days at 0.05% errors against a 0.1% budget: half of it is left (sampled every 5m).
        const config = sloConfig({ window: "7d" });
        const rules = writeSloRules(dir(), config, "budget.yml");
        const q = sloQueries(config.apps[0], config.apps[0].slos[0]);
        // The dashboard's queries against the same series: the SLI is 99.95%, every window burns at 0.5x.
        const slo = '{namespace="shop", app="checkout", slo="availability"}';
        const whole = '{namespace="shop", app="checkout", slo="availability", window="7d"}';
        const dashboard = [
            { expr: `round((${q.sli}) * 100000)`, labels: whole, value: 99950 },
            { expr: `round(${q.budgetRemaining} * 1000)`, labels: whole, value: 500 },
            { expr: q.objective, labels: `slo:objective:ratio${whole}`, value: 0.999 },
            // Not 5m: one sample every 5 minutes leaves rate() over 5m a single point.
            ...["30m", "1h", "6h", "3d"].map((w) => ({ expr: `round((${q.burnRate(w)}) * 1000)`, labels: slo, value: 500 })),
        ];
        const file = writeYaml(path.join(dir(), "budget-tests.yml"), {
            rule_files: [rules],
            evaluation_interval: "5m",
            tests: [{
                interval: "5m",
                input_series: traffic([{ minutes: 7 * 24 * 60, perMinute: 2000, errorShare: 0.0005 }], 5),
                promql_expr_test: [
                    { expr: 'round(slo:error_budget:remaining_ratio{slo="availability"} * 1000)', eval_time: "7d", exp_samples: [{ labels: '{namespace="shop", app="checkout", slo="availability", window="7d"}', value: 500 }] },
                    { expr: 'slo:objective:ratio{slo="availability"}', eval_time: "7d", exp_samples: [{ labels: 'slo:objective:ratio{namespace="shop", app="checkout", slo="availability", window="7d"}', value: 0.999 }] },
                    ...dashboard.map((d) => ({ expr: d.expr, eval_time: "7d", exp_samples: [{ labels: d.labels, value: d.value }] })),
                ],
            }],
        });
        const res = await run(TOOLS.promtool, ["test", "rules", file], 600_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });
});
