import * as assert from "assert";
import { appMatchers, appRuleGroup } from "../../../components/builders/rules/apps";
import { stackConfig } from "../../helpers/config";

describe("per-app rules", () => {
    const [checkout, catalog] = stackConfig("prod").apps;
    // Without its SLOs, whose availability SLO replaces AppHighErrorRatio.
    const catalogWithoutSlos = { ...catalog, slos: [] };
    const rule = (app: typeof checkout, alert: string) => {
        const found = appRuleGroup(app).rules.find((r) => r.alert === alert);
        assert.ok(found, alert);
        return found;
    };

    it("matches the app's series by namespace and by the job its monitor's relabeling sets, not by where the monitor lives", () => {
        assert.deepStrictEqual(appMatchers(catalog), ['namespace="shop"', 'job="catalog"']);
        assert.deepStrictEqual(appMatchers(checkout), ['namespace="shop"', 'job="checkout"']);
    });

    it("alerts when the 5xx share of requests exceeds the app's errorRatio", () => {
        const r = rule(catalogWithoutSlos, "AppHighErrorRatio");
        assert.strictEqual(
            r.expr,
            'sum by (namespace) (rate(http_requests_total{namespace="shop", job="catalog", code=~"5.."}[5m]))'
            + ' / sum by (namespace) (rate(http_requests_total{namespace="shop", job="catalog"}[5m])) > 0.02',
        );
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("uses the app's own counter and status label", () => {
        const app = stackConfig("dev", {
            apps: [{ name: "api", namespace: "web", selector: { app: "api" }, metrics: { requestsTotal: "api_requests_total", statusLabel: "status" } }],
        }).apps[0];
        assert.match(rule(app, "AppHighErrorRatio").expr, /^sum by \(namespace\) \(rate\(api_requests_total\{[^}]*status=~"5\.\."\}/);
    });

    it("alerts when p95 latency from the duration histogram exceeds latencyP95Seconds", () => {
        const r = rule(catalog, "AppHighLatencyP95");
        assert.match(r.expr, /^histogram_quantile\(0\.95, sum by \(namespace, le\) \(rate\(http_request_duration_seconds_bucket\{.*\}\[5m\]\)\)\) > 0\.3$/);
        assert.strictEqual(rule(checkout, "AppHighLatencyP95").expr.endsWith("> 0.5"), true);
    });

    it("alerts when a target is down or gone", () => {
        assert.match(rule(checkout, "AppTargetDown").expr, /^up\{.*\} == 0 or absent\(up\{.*\}\)$/);
    });

    it("labels alerts with the app as service and its team when set", () => {
        assert.deepStrictEqual(rule(checkout, "AppTargetDown").labels, { severity: "critical", service: "checkout", team: "payments" });
        assert.deepStrictEqual(rule(catalog, "AppTargetDown").labels, { severity: "critical", service: "catalog" });
    });

    it("names each app's group after its namespace and name", () => {
        assert.strictEqual(appRuleGroup(checkout).name, "app.shop.checkout");
    });
});
