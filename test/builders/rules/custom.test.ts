import * as assert from "assert";
import { customMetricRuleFile } from "../../../components/builders/rules/custom";
import { stackConfig } from "../../helpers/config";

const ALERT = { name: "ApiDown", expr: 'up{job="api"} == 0', for: "1m", severity: "critical", summary: "API down" };
const app = { name: "api", namespace: "shop", selector: { app: "api" }, team: "payments", metricAlerts: [ALERT] };

describe("user-defined metric alert rules", () => {
    it("puts an app's alerts in group custom.<namespace>.<name>, labelled with its service and team", () => {
        const { groups } = customMetricRuleFile(stackConfig("dev", { apps: [app] }));
        assert.deepStrictEqual(groups, [{
            name: "custom.shop.api",
            rules: [{ alert: "ApiDown", expr: 'up{job="api"} == 0', for: "1m", labels: { severity: "critical", service: "api", team: "payments" }, annotations: { summary: "API down" } }],
        }]);
    });

    it("lets an alert name its own service, team and extra labels", () => {
        const alerts = [{ ...ALERT, service: "edge", team: "platform", labels: { region: "eu" } }];
        const [rule] = customMetricRuleFile(stackConfig("dev", { apps: [{ ...app, metricAlerts: alerts }] })).groups[0].rules;
        assert.deepStrictEqual(rule.labels, { region: "eu", severity: "critical", service: "edge", team: "platform" });
    });

    it("labels stack-wide alerts service=custom, in group custom.metrics", () => {
        const { groups } = customMetricRuleFile(stackConfig("dev", { alerting: { metricAlerts: [ALERT] } }));
        assert.strictEqual(groups[0].name, "custom.metrics");
        assert.deepStrictEqual(groups[0].rules[0].labels, { severity: "critical", service: "custom" });
    });

    it("links the app's dashboard and the runbook when Grafana has a host", () => {
        const config = stackConfig("prod", { apps: [{ ...app, metricAlerts: [{ ...ALERT, runbookUrl: "https://runbooks.example.com/api" }] }] });
        const [rule] = customMetricRuleFile(config).groups.find((g) => g.name === "custom.shop.api")!.rules;
        assert.strictEqual(rule.annotations.dashboard, "https://grafana.prod.example.com/d/obs-app-shop-api");
        assert.strictEqual(rule.annotations.runbook_url, "https://runbooks.example.com/api");
    });

    it("links the stack-health dashboard from stack-wide alerts", () => {
        const [rule] = customMetricRuleFile(stackConfig("prod")).groups.find((g) => g.name === "custom.metrics")!.rules;
        assert.strictEqual(rule.annotations.dashboard, "https://grafana.prod.example.com/d/obs-stack-health");
    });

    it("has no groups for a stack without alerts of its own", () => {
        assert.deepStrictEqual(customMetricRuleFile(stackConfig("dev")).groups, []);
    });
});
