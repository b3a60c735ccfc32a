import * as assert from "assert";
import { userAlertsLabelled } from "../../policies/user-alerts-labelled";
import { POLICIES } from "../../policies/pack";
import { runProgram } from "../helpers/program";
import { checkResource, PolicyObject, runPack } from "./harness";
import { packConfig } from "./pack-config";
import { programObjects } from "./program-objects";

const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

/** A compliant baseline: a PrometheusRule with a user-defined group and one of the stack's. */
function prometheusRule(edit: (alert: Record<string, any>) => void = () => undefined, group = "custom.shop.api"): PolicyObject {
    const alert: Record<string, any> = { alert: "ApiDown", expr: "up == 0", for: "1m", labels: { severity: "critical", service: "api" }, annotations: { summary: "API down" } };
    edit(alert);
    return {
        type: RULE,
        name: "alert-rules-app.shop.api",
        props: {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PrometheusRule",
            metadata: { name: "app.shop.api", namespace: "monitoring" },
            spec: { groups: [{ name: "app.shop.api", rules: [{ alert: "AppTargetDown", expr: "up == 0", labels: { service: "api" }, annotations: {} }] }, { name: group, rules: [alert] }] },
        },
    };
}

function lokiRules(text: string): PolicyObject {
    return {
        type: "kubernetes:core/v1:ConfigMap",
        name: "loki-rules",
        props: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "loki-rules", labels: { "app.kubernetes.io/component": "rules" } }, data: { "log-alerts.yaml": text } },
    };
}

describe("policy user-alerts-labelled", () => {
    it("passes user-defined alerts with a severity and a summary, and leaves the stack's own groups alone", async () => {
        assert.deepStrictEqual(await checkResource(userAlertsLabelled, prometheusRule()), []);
    });

    it("flags a user-defined metric alert without a severity", async () => {
        const [message] = await checkResource(userAlertsLabelled, prometheusRule((a) => delete a.labels.severity));
        assert.match(message, /PrometheusRule app\.shop\.api group custom\.shop\.api: alert ApiDown has no severity/);
    });

    it("flags a stack-wide alert without a summary", async () => {
        const [message] = await checkResource(userAlertsLabelled, prometheusRule((a) => delete a.annotations.summary, "custom.metrics"));
        assert.match(message, /group custom\.metrics: alert ApiDown has no summary; set its severity and summary fields/);
    });

    it("flags a log alert in Loki's rules ConfigMap without either", async () => {
        const text = "groups:\n  - name: custom-logs.shop.api\n    rules:\n      - alert: Errors\n        expr: 'sum(count_over_time({app=\"api\"}[1m])) > 1'\n        labels: { service: api }\n";
        const [message] = await checkResource(userAlertsLabelled, lokiRules(text));
        assert.match(message, /ConfigMap loki-rules\/log-alerts\.yaml group custom-logs\.shop\.api: alert Errors has no severity \(critical, warning or info\) and no summary/);
    });

    it("is advisory in dev and mandatory in prod, on what the program renders", async () => {
        const alert = { name: "ApiDown", expr: 'up{job="api"} == 0' };
        for (const [stack, level] of [["dev", "advisory"], ["prod", "mandatory"]]) {
            const run = await runProgram(stack, { alerting: { metricAlerts: [alert] } });
            const violations = (await runPack(POLICIES, programObjects(run.mocks.resources), packConfig(stack))).filter((v) => v.policy === "user-alerts-labelled");
            assert.strictEqual(violations.length, 1, JSON.stringify(violations));
            assert.strictEqual(violations[0].enforcementLevel, level);
        }
    });
});
