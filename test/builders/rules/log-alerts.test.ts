import * as assert from "assert";
import * as YAML from "yaml";
import { parser } from "@grafana/lezer-logql";
import { ERROR_LOG_ALERT, LOG_ALERTS_FILE, logAlertGroups, lokiRuleFiles } from "../../../components/builders/rules/log-alerts";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

const ISE = {
    name: "InternalServerErrors",
    expr: 'sum by (namespace) (count_over_time({namespace="shop", app="api"} |= "internal server error" [5m])) > 10',
    for: "5m",
    severity: "critical",
    summary: "The API answers internal server errors.",
};
const api = (extra: ConfigTree = {}): ConfigTree => ({ name: "api", namespace: "shop", selector: { app: "api" }, team: "payments", ...extra });

function parses(query: string): boolean {
    let ok = true;
    parser.parse(query).iterate({ enter: (n) => { ok = ok && !n.type.isError; } });
    return ok;
}

describe("log alerts (Loki ruler)", () => {
    it("labels an app's log alert with its service and team, as its metric alerts", () => {
        const groups = logAlertGroups(stackConfig("dev", { apps: [api({ logAlerts: [ISE] })] }));
        assert.deepStrictEqual(groups, [{
            name: "custom-logs.shop.api",
            rules: [{ alert: "InternalServerErrors", expr: ISE.expr, for: "5m", labels: { severity: "critical", service: "api", team: "payments" }, annotations: { summary: ISE.summary } }],
        }]);
    });

    it("turns errorLogLinesPerMinute into an error-line alert on the app's streams, by level for JSON apps", () => {
        const [json] = logAlertGroups(stackConfig("dev", { apps: [api({ logFormat: "json", alerts: { errorLogLinesPerMinute: 20 } })] }))[0].rules;
        assert.strictEqual(json.alert, ERROR_LOG_ALERT);
        assert.strictEqual(json.expr, 'sum by (namespace, app) (count_over_time({namespace="shop", app="api"} | level=~"(?i)(error|fatal|critical)" [1m])) > 20');
        assert.ok(parses(json.expr), json.expr);
        const [text] = logAlertGroups(stackConfig("dev", { apps: [api({ alerts: { errorLogLinesPerMinute: 5 } })] }))[0].rules;
        assert.match(text.expr, /\|~ "\(\?i\)\(error\|exception\|fatal\|panic\|internal server error\)" \[1m\]\)\) > 5$/);
        assert.ok(parses(text.expr), text.expr);
        assert.deepStrictEqual(text.labels, { severity: "warning", service: "api", team: "payments" });
    });

    it("writes the ruler's rule file only when there are log alerts", () => {
        assert.deepStrictEqual(lokiRuleFiles(stackConfig("dev")), {});
        const files = lokiRuleFiles(stackConfig("dev", { alerting: { logAlerts: [ISE] } }));
        assert.deepStrictEqual(Object.keys(files), [LOG_ALERTS_FILE]);
        const file = YAML.parse(files[LOG_ALERTS_FILE]);
        assert.strictEqual(file.groups[0].name, "custom-logs");
        assert.strictEqual(file.groups[0].rules[0].labels.service, "custom");
    });

    const cases: [string, ConfigTree, string, RegExp][] = [
        ["a LogQL syntax error", { alerting: { logAlerts: [{ ...ISE, expr: 'sum(count_over_time({app="api"} |= "error" [5m]) > 10' }] } }, "alerting.logAlerts.0.expr", /LogQL metric expression such as .*; it has a syntax error at character \d+/],
        ["a log query where a metric query is needed", { apps: [api({ logAlerts: [{ ...ISE, expr: '{app="api"} |= "error"' }] })] }, "apps.0.logAlerts.0.expr", /a log query where a metric query is needed/],
        ["a duplicate log alert name", { alerting: { logAlerts: [ISE, ISE] } }, "alerting.logAlerts.1.name", /unique within the group/],
        ["zero error lines per minute", { apps: [api({ alerts: { errorLogLinesPerMinute: 0 } })] }, "apps.0.alerts.errorLogLinesPerMinute", /above zero such as 20/],
    ];
    for (const [why, overrides, key, expects] of cases) {
        it(`refuses ${why}, naming ${key}`, () => {
            assert.match(configProblem(overrides, key), expects);
        });
    }
});

describe("the prod stack file's log alerts", () => {
    it("are the short form and the full log alert of checkout, each a LogQL query that parses", () => {
        const rules = logAlertGroups(stackConfig("prod")).flatMap((g) => g.rules);
        assert.deepStrictEqual(rules.map((r) => r.alert), [ERROR_LOG_ALERT, "InternalServerErrors"]);
        for (const r of rules) {
            assert.ok(parses(r.expr), r.expr);
            assert.strictEqual(r.labels.team, "payments");
        }
    });
});
