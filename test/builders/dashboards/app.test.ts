import { strict as assert } from "assert";
import { appDashboard, appDashboardUid, appErrorLogs, MAX_UID_LENGTH } from "../../../components/builders/dashboards/app";
import type { AppConfig } from "../../../components/schema";
import { stackConfig } from "../../helpers/config";
import { exprsOf, panelNamed } from "./query-syntax";

const apps = stackConfig("prod").apps;
const checkout = apps.find((a) => a.name === "checkout") as AppConfig;
const catalog = apps.find((a) => a.name === "catalog") as AppConfig;

describe("app dashboard", () => {
    const model = appDashboard(checkout).build();

    it("has a uid from namespace and name, and the app's team as a tag", () => {
        assert.equal(model.uid, "obs-app-shop-checkout");
        assert.equal(model.title, "App: checkout (shop)");
        assert.ok(model.tags?.includes("team:payments"));
    });

    it("graphs the request rate of app.metrics.requestsTotal by app.metrics.statusLabel", () => {
        const custom = { ...checkout, metrics: { ...checkout.metrics, requestsTotal: "shop_http_requests", durationHistogram: "shop_http_seconds", statusLabel: "status" } };
        const [expr] = exprsOf(appDashboard(custom).build(), "Request rate");
        assert.equal(expr, 'sum by (status) (rate(shop_http_requests{namespace="shop", job="checkout"}[$__rate_interval]))');
    });

    it("graphs p50 and p95 from the duration histogram's buckets", () => {
        const [p50, p95] = exprsOf(model, "Latency p50 / p95");
        assert.match(p50, /^histogram_quantile\(0\.5, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{/);
        assert.match(p95, /^histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{/);
    });

    it("divides 5xx requests by all requests", () => {
        const [expr] = exprsOf(model, "5xx ratio");
        assert.equal(
            expr,
            'sum(rate(http_requests_total{namespace="shop", job="checkout", code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{namespace="shop", job="checkout"}[$__rate_interval]))',
        );
    });

    it("draws the app's alert thresholds as red lines", () => {
        assert.equal(panelNamed(model, "5xx ratio").fieldConfig.defaults.thresholds.steps[1].value, checkout.alerts.errorRatio);
        const catalogModel = appDashboard(catalog).build();
        assert.equal(panelNamed(catalogModel, "Latency p50 / p95").fieldConfig.defaults.thresholds.steps[1].value, 0.3);
    });

    it("shows error, fatal and critical logs of a json app by its level label", () => {
        assert.equal(appErrorLogs(checkout), '{namespace="shop", app="checkout"} | level=~"(?i)(error|fatal|critical)"');
        assert.deepEqual(exprsOf(model, "Error logs"), [appErrorLogs(checkout)]);
        assert.equal(panelNamed(model, "Error logs").datasource.uid, "loki");
    });

    it("shows error logs of a text app by the word error", () => {
        assert.equal(appErrorLogs(catalog), '{namespace="shop", app="catalog"} |~ "(?i)\\\\berror\\\\b"');
    });

    it("keeps uids of long names within Grafana's 40 characters, stable and distinct", () => {
        const long = { name: "a".repeat(50), namespace: "team-payments-production" };
        const other = { name: "a".repeat(49) + "b", namespace: "team-payments-production" };
        assert.ok(appDashboardUid(long).length <= MAX_UID_LENGTH);
        assert.equal(appDashboardUid(long), appDashboardUid({ ...long }));
        assert.notEqual(appDashboardUid(long), appDashboardUid(other));
        assert.match(appDashboardUid(long), /^obs-app-team-payments-[a-z-]+-[0-9a-f]{8}$/);
    });
});
