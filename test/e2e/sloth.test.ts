/**
 * The SLO rules against the field's anchor: Sloth (github.com/slok/sloth, built by the toolchain)
 * generates its rules for the same SLO, checkout's availability at 99.9% over 30 days, and one
 * promtool run evaluates both rule files on the same synthetic traffic. At every evaluation step
 * our page and Sloth's page fire or stay silent together, and so do the tickets, with one
 * difference, shown on its own: the low-traffic guard, which Sloth does not have.
 *
 * Both tools record `slo:sli_error:ratio_rate<w>`; each selects its own series (ours by
 * namespace, app and slo, Sloth's by sloth_id), so the two files evaluate side by side.
 *
 * Evaluation order, a difference that is Sloth's layout and not its math: Sloth puts the
 * recordings and the alerts into separate groups, and Prometheus runs groups concurrently, each on
 * its own schedule, while the rules of one group run in order
 * (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/). So a Sloth
 * alert reads recordings up to one evaluation interval old, where ours, recorded and alerted in
 * one group, reads those of the same evaluation. promtool orders groups left unnamed in
 * `group_eval_order` arbitrarily, which showed here as Sloth firing a step after ours; the
 * comparison names every group, recordings first, to compare the burn-rate logic step by step.
 * promtool stores each firing alert as an `ALERTS` series, with a stale marker once it stops,
 * so a query at a step sees exactly the alerts that fire at that step.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { SLO_ALERTS } from "../../components/builders/rules/slos";
import { writeYaml } from "./helpers/fixtures";
import { OBJECTIVE, sloConfig, traffic, writeSloRules, type Phase } from "./helpers/slo-traffic";
import { toolSuite } from "./helpers/tool-suite";
import { reportedVersion, run, TOOLS } from "./helpers/tools";

/** Sloth's alert name; page and ticket differ by its `sloth_severity` label. */
const SLOTH_ALERT = "SlothBurn";

/**
 * Sloth's spec for the SLO, written as Sloth's own examples write one (examples/getting-started.yml):
 * the app's 5xx over all requests, with Sloth's default 30-day window and alert table (page
 * 1h/5m at 14.4x or 6h/30m at 6x, ticket 1d/2h at 3x or 3d/6h at 1x), which ours share.
 */
function slothSpec(): Record<string, unknown> {
    const requests = (extra: string) => `sum(rate(http_requests_total{namespace="shop", job="checkout"${extra}}[{{.window}}]))`;
    return {
        version: "prometheus/v1",
        service: "checkout",
        slos: [{
            name: "availability",
            objective: OBJECTIVE,
            sli: { events: { error_query: requests(', code=~"5.."'), total_query: requests("") } },
            alerting: { name: SLOTH_ALERT, page_alert: { labels: { severity: "critical" } }, ticket_alert: { labels: { severity: "warning" } } },
        }],
    };
}

const firing = (alertname: string, extra = "") => `ALERTS{alertname="${alertname}", alertstate="firing"${extra}}`;
const OURS = { page: firing(SLO_ALERTS.page), ticket: firing(SLO_ALERTS.ticket) };
const SLOTH = { page: firing(SLOTH_ALERT, ', sloth_severity="page"'), ticket: firing(SLOTH_ALERT, ', sloth_severity="ticket"') };
type Kind = keyof typeof OURS;

/** A series, labelled with who fires alone, whenever only one of the two fires `kind`. */
function disagreement(kind: Kind): string {
    const only = (who: string, a: string, b: string) => `label_replace(count(${a}), "only", "${who}", "", "") unless on() count(${b})`;
    return `${only("ours", OURS[kind], SLOTH[kind])} or ${only("sloth", SLOTH[kind], OURS[kind])}`;
}

/** Both fire `kind`: one series of value 2. */
const bothFire = (kind: Kind) => `count(${OURS[kind]}) + count(${SLOTH[kind]})`;

interface Scenario { name: string; phases: Phase[]; kinds: Kind[]; both: { kind: Kind; minute: number }[] }

describe("the SLO rules against Sloth's for the same SLO", function () {
    const dir = toolSuite("sloth", "promtool", "sloth");
    this.timeout(600_000);

    let ours = "";
    let sloth = "";
    /** Every group of both files, each file's in its own order: recordings before alerts. */
    let order: string[] = [];
    before(async () => {
        ours = writeSloRules(dir(), sloConfig(), "ours.yml");
        const spec = writeYaml(path.join(dir(), "sloth-spec.yml"), slothSpec());
        sloth = "sloth.yml";
        const res = await run(TOOLS.sloth, ["generate", "-i", spec, "-o", path.join(dir(), sloth)]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
        const groups = (file: string) => (YAML.parse(fs.readFileSync(path.join(dir(), file), "utf8")).groups as { name: string }[]).map((g) => g.name);
        order = [...groups(ours), ...groups(sloth)];
        assert.deepStrictEqual(groups(sloth).map((g) => g.replace(/-checkout-availability$/, "")), ["sloth-slo-sli-recordings", "sloth-slo-meta-recordings", "sloth-slo-alerts"]);
    });

    /** A promtool test file over both rule files. */
    const testFile = (tests: unknown[]) => ({ rule_files: [ours, sloth], evaluation_interval: "1m", group_eval_order: order, tests });

    it("runs Sloth v0.16.0", async () => {
        const res = await run(TOOLS.sloth, ["version"]);
        assert.strictEqual(res.stdout.trim(), "v0.16.0", res.stdout + res.stderr);
        assert.strictEqual(await reportedVersion(TOOLS.promtool), "3.14.0");
    });

    /** Every minute of a scenario: no disagreement; at the given minutes both fire. */
    const compare = async (scenarios: Scenario[], file: string) => {
        const tests = scenarios.map((s) => {
            const minutes = s.phases.reduce((n, p) => n + p.minutes, 0);
            const steps = Array.from({ length: minutes }, (_, i) => i + 1);
            return {
                name: s.name,
                interval: "1m",
                input_series: traffic(s.phases),
                promql_expr_test: [
                    ...steps.flatMap((m) => s.kinds.map((kind) => ({ expr: disagreement(kind), eval_time: `${m}m`, exp_samples: [] }))),
                    ...s.both.map((b) => ({ expr: bothFire(b.kind), eval_time: `${b.minute}m`, exp_samples: [{ labels: "{}", value: 2 }] })),
                ],
            };
        });
        const res = await run(TOOLS.promtool, ["test", "rules", writeYaml(path.join(dir(), file), testFile(tests))], 600_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    };

    it("pages and tickets at the same steps through a total outage and its recovery", async () => {
        const healthy: Phase = { minutes: 180, perMinute: 1000, errorShare: 0 };
        await compare([{
            name: "30 minutes of total outage between healthy hours",
            phases: [healthy, { minutes: 30, perMinute: 1000, errorShare: 1 }, healthy],
            kinds: ["page", "ticket"],
            both: [{ kind: "page", minute: 185 }, { kind: "ticket", minute: 200 }],
        }], "outage.yml");
    });

    it("tickets at the same steps through a slow burn that never pages, and after it", async () => {
        // 0.5%: 5x the budget, over the 3d/6h ticket's 1x, under the 6h page's 6x.
        await compare([{
            name: "8 hours at 0.5% errors, then 4 healthy ones",
            phases: [{ minutes: 480, perMinute: 1000, errorShare: 0.005 }, { minutes: 240, perMinute: 1000, errorShare: 0 }],
            kinds: ["page", "ticket"],
            both: [{ kind: "ticket", minute: 480 }],
        }], "slow.yml");
    });

    it("pages no one and tickets at the same steps after a one-minute burst at 50%", async () => {
        // 500 failed of the 181,000 requests three hours hold: 0.28%, over the 3d/6h ticket's 0.1%.
        await compare([{
            name: "a one-minute burst",
            phases: [{ minutes: 180, perMinute: 1000, errorShare: 0 }, { minutes: 1, perMinute: 1000, errorShare: 0.5 }, { minutes: 60, perMinute: 1000, errorShare: 0 }],
            kinds: ["page", "ticket"],
            both: [{ kind: "ticket", minute: 181 }],
        }], "burst.yml");
    });

    it("differs at low traffic only in the page: Sloth pages on 2 requests a minute, our guard does not", async () => {
        // 2 requests a minute: 120 an hour and 720 in six, under minRequests' 1000.
        const phases: Phase[] = [{ minutes: 300, perMinute: 2, errorShare: 0 }, { minutes: 60, perMinute: 2, errorShare: 1 }];
        await compare([{ name: "tickets agree at low traffic", phases, kinds: ["ticket"], both: [{ kind: "ticket", minute: 330 }] }], "low-tickets.yml");
        const file = writeYaml(path.join(dir(), "low-pages.yml"), testFile([{
            interval: "1m",
            input_series: traffic(phases),
            promql_expr_test: [310, 330, 360].map((m) => ({
                expr: disagreement("page"),
                eval_time: `${m}m`,
                exp_samples: [{ labels: '{only="sloth"}', value: 1 }],
            })),
        }]));
        const res = await run(TOOLS.promtool, ["test", "rules", file], 600_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });
});
