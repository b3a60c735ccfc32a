import * as assert from "assert";
import { parser } from "@prometheus-io/lezer-promql";
import { alertmanagerConfig } from "../../../components/builders/alertmanager-config";
import { appRuleGroup } from "../../../components/builders/rules/apps";
import { leRegex } from "../../../components/builders/rules/sli";
import { SLO_ALERTS, sloInhibition, sloRuleGroups } from "../../../components/builders/rules/slos";
import { BURN_ALERT_WINDOWS, burnFactor, SLI_WINDOWS } from "../../../components/builders/rules/slo-windows";
import { sloRuleFile } from "../../../components/builders/rules/stack";
import type { AlertRule, RecordingRule } from "../../../components/builders/rules/types";
import { durationSeconds } from "../../../components/units";
import { stackConfig } from "../../helpers/config";

const SLOS = [
    { name: "availability", objective: 99.9, sli: { kind: "availability" } },
    { name: "latency", objective: 99, window: "28d", minRequests: 0, sli: { kind: "latency", thresholdSeconds: 1 } },
    { name: "jobs", objective: 99.5, window: "7d", sli: { kind: "ratio", errors: "sum(rate(jobs_failed_total[{{window}}]))", total: "sum(rate(jobs_total[{{window}}]))" } },
];
const config = stackConfig("prod", { apps: [{ name: "checkout", namespace: "shop", selector: { app: "checkout" }, team: "payments", slos: SLOS }] });
const app = config.apps[0];
const [group] = sloRuleGroups(app);
const records = group.rules.filter((r): r is RecordingRule => "record" in r);
const alerts = group.rules.filter((r): r is AlertRule => "alert" in r);
const alert = (name: string, slo: string) => {
    const found = alerts.find((a) => a.alert === name && a.labels.slo === slo);
    assert.ok(found, `${name} of ${slo}`);
    return found;
};

function syntaxErrors(expr: string): number {
    let errors = 0;
    parser.parse(expr).iterate({ enter: (n) => void (n.type.isError && errors++) });
    return errors;
}

describe("burn-rate factor table", () => {
    it("gives the SRE workbook's 14.4, 6, 3 and 1 for a 30d window", () => {
        assert.deepStrictEqual(BURN_ALERT_WINDOWS.map((w) => burnFactor(w, "30d")), [14.4, 6, 3, 1]);
    });

    it("scales factors so each alert spends the same budget fraction in 7d and 28d windows", () => {
        for (const window of ["7d", "28d", "90d"]) {
            for (const w of BURN_ALERT_WINDOWS) {
                const spent = (burnFactor(w, window) * durationSeconds(w.long)) / durationSeconds(window);
                assert.ok(Math.abs(spent - w.budgetFraction) < 1e-9, `${window} ${w.long}: ${spent}`);
            }
        }
        assert.deepStrictEqual(BURN_ALERT_WINDOWS.map((w) => burnFactor(w, "7d")), [3.36, 1.4, 0.7, 0.233333333333]);
    });

    it("pairs each long window with a short one a twelfth as long", () => {
        for (const w of BURN_ALERT_WINDOWS) {
            assert.strictEqual(durationSeconds(w.long) / durationSeconds(w.short), 12, w.long);
        }
    });
});

describe("SLO recording rules", () => {
    it("records the error ratio of every SLO over each alert window, labelled with namespace, app and slo", () => {
        for (const slo of SLOS) {
            const mine = records.filter((r) => r.labels.slo === slo.name && r.record.startsWith("slo:sli_error:ratio_rate"));
            assert.deepStrictEqual(mine.map((r) => r.record), SLI_WINDOWS.map((w) => `slo:sli_error:ratio_rate${w}`));
            for (const r of mine) {
                assert.deepStrictEqual(r.labels, { namespace: "shop", app: "checkout", slo: slo.name });
            }
        }
    });

    it("computes the whole window from hourly steps of the 1h recordings, not from raw samples", () => {
        const r = records.find((x) => x.record === "slo:sli_error:ratio_window" && x.labels.slo === "availability");
        assert.strictEqual(
            r?.expr,
            'sum_over_time(slo:sli_errors:rate1h{namespace="shop", app="checkout", slo="availability"}[30d:1h])'
            + ' / sum_over_time(slo:sli_requests:rate1h{namespace="shop", app="checkout", slo="availability"}[30d:1h])',
        );
        assert.strictEqual(r?.labels.window, "30d");
    });

    it("records the objective and the remaining budget as series", () => {
        const objective = records.find((x) => x.record === "slo:objective:ratio" && x.labels.slo === "jobs");
        assert.strictEqual(objective?.expr, "vector(0.995)");
        const budget = records.find((x) => x.record === "slo:error_budget:remaining_ratio" && x.labels.slo === "availability");
        assert.strictEqual(budget?.expr, '1 - slo:sli_error:ratio_window{namespace="shop", app="checkout", slo="availability"} / 0.001');
    });

    it("counts 5xx on the app's status label by default, and keeps the ratio at 0 while none failed", () => {
        const r = records.find((x) => x.record === "slo:sli_error:ratio_rate5m" && x.labels.slo === "availability");
        assert.strictEqual(
            r?.expr,
            '(sum(rate(http_requests_total{namespace="shop", job="checkout", code=~"5.."}[5m])) or vector(0))'
            + ' / sum(rate(http_requests_total{namespace="shop", job="checkout"}[5m]))',
        );
    });

    it("counts requests above the latency threshold from the bucket of that bound, in either le form", () => {
        const r = records.find((x) => x.record === "slo:sli_error:ratio_rate1h" && x.labels.slo === "latency");
        assert.match(r!.expr, /^\(sum\(rate\(http_request_duration_seconds_count\{[^}]*\}\[1h\]\)\) - sum\(rate\(http_request_duration_seconds_bucket\{[^}]*le=~"1\|1\\\\.0"\}\[1h\]\)\)\)/);
        assert.strictEqual(leRegex(0.25), "0\\.25");
    });

    it("puts the window into a custom ratio's expressions", () => {
        const r = records.find((x) => x.record === "slo:sli_error:ratio_rate3d" && x.labels.slo === "jobs");
        assert.strictEqual(r?.expr, "(sum(sum(rate(jobs_failed_total[3d]))) or vector(0)) / sum(sum(rate(jobs_total[3d])))");
    });

    it("parses every expression with lezer-promql", () => {
        for (const r of group.rules) {
            assert.strictEqual(syntaxErrors(r.expr), 0, r.expr);
        }
        assert.ok(syntaxErrors("sum(rate(x[5m])") > 0);
    });
});

describe("SLO alerts", () => {
    it("pages at 14.4x over 1h and 5m or 6x over 6h and 30m, with the low-traffic guard", () => {
        const page = alert(SLO_ALERTS.page, "availability");
        const s = (name: string) => `${name}{namespace="shop", app="checkout", slo="availability"}`;
        assert.strictEqual(
            page.expr,
            `(${s("slo:sli_error:ratio_rate1h")} > 0.0144 and ${s("slo:sli_error:ratio_rate5m")} > 0.0144 and ${s("slo:sli_requests:rate1h")} * 3600 >= 1000)`
            + ` or (${s("slo:sli_error:ratio_rate6h")} > 0.006 and ${s("slo:sli_error:ratio_rate30m")} > 0.006 and ${s("slo:sli_requests:rate6h")} * 21600 >= 1000)`,
        );
        assert.deepStrictEqual(page.labels, { severity: "critical", service: "checkout", team: "payments", slo: "availability" });
    });

    it("opens a ticket at 3x over 1d and 2h or 1x over 3d and 6h, without the guard", () => {
        const ticket = alert(SLO_ALERTS.ticket, "availability");
        assert.match(ticket.expr, /^\(slo:sli_error:ratio_rate1d\{[^}]*\} > 0\.003 and slo:sli_error:ratio_rate2h\{[^}]*\} > 0\.003\) or \(slo:sli_error:ratio_rate3d\{[^}]*\} > 0\.001 and slo:sli_error:ratio_rate6h\{[^}]*\} > 0\.001\)$/);
        assert.strictEqual(ticket.labels.severity, "warning");
    });

    it("drops the guard when minRequests is 0 and scales thresholds to the window", () => {
        const page = alert(SLO_ALERTS.page, "latency");
        assert.doesNotMatch(page.expr, /sli_requests/);
        // 28d: 14.4 x 28/30 = 13.44, times a 1% budget.
        assert.match(page.expr, / > 0\.1344 and /);
    });

    it("alerts when the SLI's series are absent", () => {
        assert.strictEqual(alert(SLO_ALERTS.absent, "availability").expr, 'absent(http_requests_total{namespace="shop", job="checkout"})');
        assert.strictEqual(alert(SLO_ALERTS.absent, "jobs").expr, "absent(sum(rate(jobs_total[5m])))");
    });

    it("replaces the plain 5xx-share alert of an app with an availability SLO, and only then", () => {
        const names = (a: typeof app) => appRuleGroup(a).rules.map((r) => r.alert);
        assert.deepStrictEqual(names(app), ["AppHighLatencyP95", "AppTargetDown"]);
        const latencyOnly = { ...app, slos: app.slos.filter((s) => s.sli.kind !== "availability") };
        assert.deepStrictEqual(names(latencyOnly), ["AppHighErrorRatio", "AppHighLatencyP95", "AppTargetDown"]);
    });
});

describe("stacks with and without SLOs", () => {
    it("lets a page inhibit the ticket of the same SLO only", () => {
        assert.deepStrictEqual(alertmanagerConfig(config).inhibit_rules.at(-1), sloInhibition());
        assert.deepStrictEqual(sloInhibition().equal, ["namespace", "service", "slo"]);
    });

    it("adds nothing to the dev stack, whose app has no SLOs", () => {
        const c = stackConfig("dev");
        assert.deepStrictEqual(sloRuleFile(c).groups, []);
        assert.ok(!alertmanagerConfig(c).inhibit_rules.some((r) => r.source_matchers.includes(`alertname="${SLO_ALERTS.page}"`)));
        for (const a of c.apps) {
            assert.strictEqual(appRuleGroup(a).rules[0].alert, "AppHighErrorRatio");
        }
    });

    it("gives each prod app an availability and a latency SLO, the inhibition, and no AppHighErrorRatio", () => {
        const c = stackConfig("prod");
        assert.deepStrictEqual(sloRuleFile(c).groups.map((g) => g.name), ["slo.shop.checkout", "slo.shop.catalog"]);
        for (const a of c.apps) {
            assert.deepStrictEqual(a.slos.map((s) => s.sli.kind), ["availability", "latency"], a.name);
            assert.ok(!appRuleGroup(a).rules.some((r) => r.alert === "AppHighErrorRatio"), a.name);
        }
        assert.deepStrictEqual(alertmanagerConfig(c).inhibit_rules.at(-1), sloInhibition());
    });
});
