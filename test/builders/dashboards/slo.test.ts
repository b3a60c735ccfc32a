import { strict as assert } from "assert";
import { buildDashboards } from "../../../components/builders/dashboards";
import { sloDashboard, sloQueries } from "../../../components/builders/dashboards/slo";
import { appDashboardUid, MAX_UID_LENGTH, sloDashboardUid } from "../../../components/builders/dashboards/uid";
import { sloRecordingRules } from "../../../components/builders/rules/slos";
import { BURN_ALERT_WINDOWS, burnFactor } from "../../../components/builders/rules/slo-windows";
import { stackConfig } from "../../helpers/config";
import { dashboardQueryErrors, targetsOf } from "./query-syntax";

const SLOS = [
    { name: "availability", objective: 99.9, sli: { kind: "availability" } },
    { name: "latency", objective: 99, window: "7d", minRequests: 0, sli: { kind: "latency", thresholdSeconds: 1 } },
    { name: "jobs", objective: 99.5, window: "28d", sli: { kind: "ratio", errors: "sum(rate(jobs_failed_total[{{window}}]))", total: "sum(rate(jobs_total[{{window}}]))" } },
];
const config = stackConfig("prod", {
    apps: [
        { name: "checkout", namespace: "shop", selector: { app: "checkout" }, team: "payments", slos: SLOS },
        { name: "catalog", namespace: "shop", selector: { app: "catalog" } },
    ],
});
const [checkout, catalog] = config.apps;
const model = sloDashboard(checkout).build();

type AnyPanel = { type: string; title?: string; targets?: { expr?: string }[]; fieldConfig?: any; [k: string]: any };

/** The panels under the row whose title starts with `slo`. */
function rowOf(slo: string): AnyPanel[] {
    const panels = (model.panels ?? []) as AnyPanel[];
    const start = panels.findIndex((p) => p.type === "row" && (p.title ?? "").startsWith(`${slo}:`));
    assert.ok(start >= 0, `no row for ${slo}`);
    const end = panels.findIndex((p, i) => i > start && p.type === "row");
    return panels.slice(start + 1, end < 0 ? undefined : end);
}
const panel = (slo: string, title: string) => {
    const found = rowOf(slo).find((p) => p.title === title);
    assert.ok(found, `no panel "${title}" under ${slo}`);
    return found;
};
const exprs = (p: AnyPanel) => (p.targets ?? []).map((t) => t.expr);

describe("SLO dashboard", () => {
    it("has the uid obs-slo-<namespace>-<name>, the app's team and an slo tag", () => {
        assert.equal(model.uid, "obs-slo-shop-checkout");
        assert.equal(model.title, "SLOs: checkout (shop)");
        assert.ok(model.tags?.includes("slo"));
        assert.ok(model.tags?.includes("team:payments"));
    });

    it("gives every SLO a row naming its objective, window and SLI kind", () => {
        const rows = ((model.panels ?? []) as AnyPanel[]).filter((p) => p.type === "row").map((p) => p.title);
        assert.deepEqual(rows, ["availability: 99.9% over 30d (availability)", "latency: 99% over 7d (latency)", "jobs: 99.5% over 28d (ratio)"]);
    });

    it("shows the objective, the SLI over the window and the budget left from the recorded series", () => {
        const sel = '{namespace="shop", app="checkout", slo="availability"}';
        assert.deepEqual(exprs(panel("availability", "Objective")), [`slo:objective:ratio${sel}`]);
        assert.deepEqual(exprs(panel("availability", "SLI over 30d")), [`1 - slo:sli_error:ratio_window${sel}`]);
        assert.deepEqual(exprs(panel("availability", "Error budget left")), [`slo:error_budget:remaining_ratio${sel}`]);
        assert.equal(panel("availability", "Objective").type, "stat");
    });

    it("colours the budget red once spent and yellow under a quarter", () => {
        const steps = panel("latency", "Error budget left").fieldConfig.defaults.thresholds.steps;
        assert.deepEqual(steps.map((s: { value: number | null; color: string }) => [s.value, s.color]), [[null, "red"], [0, "yellow"], [0.25, "green"]]);
    });

    it("draws each alert's burn rate over its long and short window, divided by the error budget", () => {
        const p = panel("availability", "Page: burn rate 1h / 5m");
        const sel = '{namespace="shop", app="checkout", slo="availability"}';
        assert.deepEqual(exprs(p), [`slo:sli_error:ratio_rate1h${sel} / 0.001`, `slo:sli_error:ratio_rate5m${sel} / 0.001`]);
        assert.deepEqual(exprs(panel("jobs", "Ticket: burn rate 3d / 6h")), [
            'slo:sli_error:ratio_rate3d{namespace="shop", app="checkout", slo="jobs"} / 0.005',
            'slo:sli_error:ratio_rate6h{namespace="shop", app="checkout", slo="jobs"} / 0.005',
        ]);
    });

    it("draws each alert's factor for the SLO's window as a dashed red line", () => {
        for (const slo of SLOS) {
            for (const w of BURN_ALERT_WINDOWS) {
                const p = panel(slo.name, `${w.kind === "page" ? "Page" : "Ticket"}: burn rate ${w.long} / ${w.short}`);
                assert.equal(p.fieldConfig.defaults.thresholds.steps[1].value, burnFactor(w, slo.window ?? "30d"), `${slo.name} ${w.long}`);
                assert.equal(p.fieldConfig.defaults.custom.thresholdsStyle.mode, "dashed");
            }
        }
        assert.equal(panel("latency", "Page: burn rate 1h / 5m").fieldConfig.defaults.thresholds.steps[1].value, 3.36);
    });

    it("mentions the low-traffic guard on a page only where the SLO has one", () => {
        assert.match(panel("availability", "Page: burn rate 6h / 30m").description, /once the 6h window holds 1000 requests/);
        assert.doesNotMatch(panel("latency", "Page: burn rate 6h / 30m").description, /requests/);
    });

    it("reads only series the SLO's recording rules record", () => {
        const recorded = new Set(checkout.slos.flatMap((s) => sloRecordingRules(checkout, s).map((r) => r.record)));
        for (const t of targetsOf(model)) {
            for (const name of t.expr.match(/slo:[a-z_:0-9]+/g) ?? []) {
                assert.ok(recorded.has(name), `${t.panel}: ${name} is not recorded`);
            }
        }
        assert.match(sloQueries(checkout, checkout.slos[0]).burnRate("1d"), /^slo:sli_error:ratio_rate1d\{/);
    });

    it("writes every query so that the PromQL parser accepts it", () => {
        assert.deepEqual(dashboardQueryErrors(model), []);
    });

    it("is built only for apps with SLOs, after the app dashboards", () => {
        const uids = buildDashboards(config).map((d) => d.uid);
        assert.deepEqual(uids.slice(-3), ["obs-app-shop-checkout", "obs-app-shop-catalog", "obs-slo-shop-checkout"]);
        assert.ok(!uids.includes(sloDashboardUid(catalog)));
    });

    it("keeps uids of long names within Grafana's 40 characters, stable and apart from the app dashboard's", () => {
        const long = { name: "a".repeat(50), namespace: "team-payments-production" };
        assert.ok(sloDashboardUid(long).length <= MAX_UID_LENGTH);
        assert.equal(sloDashboardUid(long), sloDashboardUid({ ...long }));
        assert.notEqual(sloDashboardUid(long), appDashboardUid(long));
        assert.match(sloDashboardUid(long), /^obs-slo-team-payments-[a-z-]+-[0-9a-f]{8}$/);
    });
});
