import * as assert from "assert";
import { appRulesName, CUSTOM_RULES_NAME, STACK_RULES_NAME } from "../../components/alert-rules";
import { runProgram } from "../helpers/program";

const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const COMPONENT = "observability:k8s:AlertRules";

const EXPECTED: Record<string, { apps: string[]; stackGroups: number; slos: boolean; custom: string[] }> = {
    // dev: promtail without audit logs, event exporter on; apps without SLOs, no alerts of its own.
    dev: { apps: ["checkout"], stackGroups: 6, slos: false, custom: [] },
    // prod: audit logs on, so the audit-log group is added; every app has SLOs; stack-wide alerts of its own.
    prod: { apps: ["checkout", "catalog"], stackGroups: 7, slos: true, custom: [CUSTOM_RULES_NAME] },
};

for (const [stack, expected] of Object.entries(EXPECTED)) {
    describe(`AlertRules in the ${stack} stack`, () => {
        let run: Awaited<ReturnType<typeof runProgram>>;
        before(async () => {
            run = await runProgram(stack);
        });

        it("is one AlertRules component", () => {
            assert.strictEqual(run.mocks.ofType(COMPONENT).length, 1);
        });

        it("creates one PrometheusRule for the stack and one per app, in the stack namespace", () => {
            const rules = run.mocks.ofType(RULE);
            // Registration order is not deterministic under the engine, so compare as sets.
            assert.deepStrictEqual(
                rules.map((r) => r.inputs.metadata.name).sort(),
                [STACK_RULES_NAME, ...expected.custom, ...expected.apps.map((name) => appRulesName({ namespace: "shop", name }))].sort(),
            );
            for (const r of rules) {
                assert.strictEqual(r.inputs.metadata.namespace, "monitoring");
                assert.strictEqual(r.inputs.apiVersion, "monitoring.coreos.com/v1");
            }
        });

        it("labels every PrometheusRule with the standard labels", () => {
            for (const r of run.mocks.ofType(RULE)) {
                assert.strictEqual(r.inputs.metadata.labels["app.kubernetes.io/part-of"], "observability-stack");
                assert.strictEqual(r.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
                assert.strictEqual(r.inputs.metadata.labels["app.kubernetes.io/component"], "rules");
            }
        });

        it("puts the self-monitoring groups in the stack rule, and the app group and its SLO group in each app rule", () => {
            const groupsOf = (ruleName: string) =>
                run.mocks.ofType(RULE).find((r) => r.inputs.metadata.name === ruleName)?.inputs.spec.groups.map((g: { name: string }) => g.name);
            const own: string[] = groupsOf(STACK_RULES_NAME);
            assert.strictEqual(own.length, expected.stackGroups);
            assert.ok(own.every((g) => g.startsWith("observability-stack.")), own.join());
            for (const name of expected.apps) {
                // Then the app's own alerts, when the stack file defines some.
                assert.deepStrictEqual(groupsOf(appRulesName({ namespace: "shop", name })).filter((g: string) => !g.startsWith("custom.")), [`app.shop.${name}`, ...(expected.slos ? [`slo.shop.${name}`] : [])]);
            }
        });

        it("carries the severity and service labels routing depends on into the alerts", () => {
            for (const r of run.mocks.ofType(RULE)) {
                for (const g of r.inputs.spec.groups) {
                    // Recording rules (SLO groups) are not routed.
                    for (const rule of g.rules.filter((x: { alert?: string }) => x.alert !== undefined)) {
                        assert.ok(rule.labels.severity && rule.labels.service, `${rule.alert} in ${r.name}`);
                    }
                }
            }
        });
    });
}

describe("AlertRules for apps whose namespace and name join to the same string with a dash", () => {
    const apps = [
        { name: "eu-checkout", namespace: "shop", selector: { app: "eu-checkout" } },
        { name: "checkout", namespace: "shop-eu", selector: { app: "checkout" } },
    ];

    // Without dashboards: their uids would meet, which validation refuses (config.invalid.test.ts).
    it("gives each its own PrometheusRule, by Pulumi name and by object name", async () => {
        const run = await runProgram("dev", { apps, dashboards: { enabled: false } });
        const rules = run.mocks.ofType(RULE).filter((r) => r.inputs.metadata.name !== STACK_RULES_NAME);
        assert.deepStrictEqual(rules.map((r) => r.inputs.metadata.name).sort(), ["app.shop-eu.checkout", "app.shop.eu-checkout"]);
        assert.strictEqual(new Set(rules.map((r) => r.name)).size, 2, rules.map((r) => r.name).join());
        assert.deepStrictEqual(rules.map((r) => r.inputs.spec.groups[0].name).sort(), ["app.shop-eu.checkout", "app.shop.eu-checkout"]);
    });
});

describe("AlertRules for an app with a long namespace and name", () => {
    // Both are DNS labels of up to 63 characters; a Kubernetes label value stops at 63.
    const app = { name: "a".repeat(63), namespace: "b".repeat(63), selector: { app: "long" } };

    it("keeps every label value of its PrometheusRule within 63 characters, so the API server accepts it", async () => {
        const run = await runProgram("dev", { apps: [app] });
        const rule = run.mocks.ofType(RULE).find((r) => r.inputs.metadata.name === appRulesName(app));
        assert.ok(rule);
        for (const [key, value] of Object.entries(rule.inputs.metadata.labels as Record<string, string>)) {
            assert.ok(value.length <= 63, `${key}=${value} has ${value.length} characters`);
        }
        assert.strictEqual(rule.inputs.metadata.labels["app.kubernetes.io/instance"], app.name);
        assert.ok(rule.inputs.metadata.name.length <= 253, "an object name stops at 253 characters");
    });
});

describe("AlertRules with alerts defined in the config", () => {
    const alert = { name: "ApiDown", expr: 'up{job="api"} == 0', for: "1m", severity: "critical", summary: "API down" };

    it("adds a PrometheusRule for the stack-wide alerts and the app's alerts to the app's PrometheusRule", async () => {
        const run = await runProgram("dev", {
            alerting: { metricAlerts: [{ ...alert, name: "SealingJobsFailing", expr: "increase(sealing_jobs_failed_total[10m]) > 5" }] },
            apps: [{ name: "api", namespace: "shop", selector: { app: "api" }, metricAlerts: [alert] }],
        });
        const custom = run.mocks.ofType(RULE).find((r) => r.inputs.metadata.name === CUSTOM_RULES_NAME);
        assert.ok(custom, "no PrometheusRule for the stack-wide alerts");
        assert.deepStrictEqual(custom.inputs.spec.groups.map((g: { name: string }) => g.name), ["custom.metrics"]);
        const app = run.mocks.ofType(RULE).find((r) => r.inputs.metadata.name === appRulesName({ namespace: "shop", name: "api" }));
        assert.ok(app);
        const last = app.inputs.spec.groups[app.inputs.spec.groups.length - 1];
        assert.strictEqual(last.name, "custom.shop.api");
        assert.deepStrictEqual(last.rules.map((r: { alert: string }) => r.alert), ["ApiDown"]);
    });
});
