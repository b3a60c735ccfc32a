/**
 * promtool on the generated rules: every file loads (`check rules`, which also parses the
 * annotation templates), and every alert fires in one scenario and stays silent in another
 * (`test rules`, scenarios in rule-cases.ts).
 */
import * as assert from "assert";
import * as path from "path";
import { alertRulesOf, ruleFile } from "../../components/builders/rules/stack";
import type { AlertRule, RecordingRule, RecordingRuleGroup, RuleGroup } from "../../components/builders/rules/types";
import { stackConfig } from "../helpers/config";
import { LONG_TERM } from "../helpers/object-storage";
import { allRules, writeRules, writeYaml } from "./helpers/fixtures";
import { toolSuite } from "./helpers/tool-suite";
import { run, TOOLS } from "./helpers/tools";
import { LONG_TERM_GROUPS, longTermRuleCases, longTermStack } from "./long-term-rule-cases";
import { errorRatioCases, promtoolTestFile, ruleCases } from "./rule-cases";

/**
 * promtool compares expanded annotations verbatim, so the unit tests run on the rules without
 * annotations and assert on labels (what routing uses); `check rules` covers the templates.
 */
function withoutAnnotations(groups: (RuleGroup | RecordingRuleGroup)[]): { groups: unknown[] } {
    const strip = (r: AlertRule | RecordingRule) => {
        if (!("alert" in r)) {
            return r;
        }
        const { annotations: _, ...rule } = r;
        return rule;
    };
    return { groups: groups.map((g) => ({ ...g, rules: (g.rules as (AlertRule | RecordingRule)[]).map(strip) })) };
}

describe("promtool on the generated rules", function () {
    const dir = toolSuite("promtool", "promtool");

    const variants: Record<string, ReturnType<typeof stackConfig>> = {
        dev: stackConfig("dev"),
        prod: stackConfig("prod"),
        "prod with Alloy": stackConfig("prod", { logAgent: { kind: "alloy" } }),
        "prod with long-term metrics and distributed Loki": longTermStack(),
    };
    for (const [name, config] of Object.entries(variants)) {
        it(`accepts the ${name} rule file`, async () => {
            const file = writeRules(dir(), config, `${name.replace(/\W+/g, "-")}.yml`);
            const res = await run(TOOLS.promtool, ["check", "rules", file]);
            assert.strictEqual(res.code, 0, res.stdout + res.stderr);
            // Recording rules count too: the prod stack's SLOs add theirs.
            assert.match(res.stdout, new RegExp(`SUCCESS: ${ruleFile(config).groups.reduce((n, g) => n + g.rules.length, 0)} rules found`));
        });
    }

    it("rejects a rule file with a broken expression, so the check above can fail", async () => {
        const file = writeYaml(path.join(dir(), "broken.yml"), { groups: [{ name: "x", rules: [{ alert: "X", expr: "sum(rate(up[5m])" }] }] });
        assert.notStrictEqual((await run(TOOLS.promtool, ["check", "rules", file])).code, 0);
    });

    it("has a firing and a silent scenario for every alert and severity of the prod stack", () => {
        const cases = ruleCases();
        for (const rule of allRules(stackConfig("prod"))) {
            const mine = cases.filter((c) => c.alert === rule.alert && c.severity === rule.labels.severity);
            assert.ok(mine.some((c) => c.fires), `${rule.alert} (${rule.labels.severity}) has no firing scenario`);
            assert.ok(mine.some((c) => !c.fires), `${rule.alert} (${rule.labels.severity}) has no silent scenario`);
        }
    });

    it("makes every prod alert fire in its scenario and stay silent in the others (promtool test rules)", async function () {
        this.timeout(600_000);
        const rules = writeYaml(path.join(dir(), "unit-rules.yml"), withoutAnnotations(ruleFile(stackConfig("prod")).groups));
        const tests = writeYaml(path.join(dir(), "unit-tests.yml"), promtoolTestFile(path.basename(rules), ruleCases()));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 600_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("keeps AppHighErrorRatio for dev's app, which has no SLO: it fires at 10% 5xx and not at 4%", async () => {
        const rules = writeYaml(path.join(dir(), "dev-unit-rules.yml"), withoutAnnotations(ruleFile(stackConfig("dev")).groups));
        const tests = writeYaml(path.join(dir(), "dev-unit-tests.yml"), promtoolTestFile(path.basename(rules), errorRatioCases()));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 60_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("has a firing and a silent scenario for every Thanos and Loki alert of prod with long-term metrics and distributed Loki", () => {
        const cases = longTermRuleCases();
        const groups = ruleFile(longTermStack()).groups.filter((g) => LONG_TERM_GROUPS.includes(g.name));
        assert.deepStrictEqual(groups.map((g) => g.name).sort(), [...LONG_TERM_GROUPS].sort());
        for (const rule of groups.flatMap(alertRulesOf)) {
            const mine = cases.filter((c) => c.alert === rule.alert && c.severity === rule.labels.severity);
            assert.ok(mine.some((c) => c.fires), `${rule.alert} (${rule.labels.severity}) has no firing scenario`);
            assert.ok(mine.some((c) => !c.fires), `${rule.alert} (${rule.labels.severity}) has no silent scenario`);
        }
    });

    it("makes every Thanos and distributed Loki alert fire in its scenario and stay silent in the others (promtool test rules)", async function () {
        this.timeout(600_000);
        // Only the groups the scenarios cover: 26h of one-minute evaluations of every prod group take minutes.
        const groups = ruleFile(longTermStack()).groups.filter((g) => LONG_TERM_GROUPS.includes(g.name));
        const rules = writeYaml(path.join(dir(), "long-term-rules.yml"), withoutAnnotations(groups));
        const tests = writeYaml(path.join(dir(), "long-term-tests.yml"), promtoolTestFile(path.basename(rules), longTermRuleCases()));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 600_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("fails the long-term scenarios against Loki rules that still select the single binary's job, so the test above can fail", async function () {
        this.timeout(600_000);
        const monolithic = ruleFile(stackConfig("prod", LONG_TERM)).groups.filter((g) => g.name === "observability-stack.loki");
        const rules = writeYaml(path.join(dir(), "long-term-monolithic-rules.yml"), withoutAnnotations(monolithic));
        const lokiCases = longTermRuleCases().filter((c) => c.alert.startsWith("Loki"));
        const tests = writeYaml(path.join(dir(), "long-term-monolithic-tests.yml"), promtoolTestFile(path.basename(rules), lokiCases));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 600_000);
        assert.notStrictEqual(res.code, 0);
    });

    it("fails the Thanos scenarios against Thanos rules that never fire, so the test above can fail", async function () {
        this.timeout(600_000);
        const silent = ruleFile(longTermStack()).groups.filter((g) => g.name === "observability-stack.thanos").map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: "vector(1) > 2" })) }));
        const rules = writeYaml(path.join(dir(), "long-term-silent-rules.yml"), withoutAnnotations(silent));
        const thanosCases = longTermRuleCases().filter((c) => c.alert.startsWith("Thanos") && c.fires);
        const tests = writeYaml(path.join(dir(), "long-term-silent-tests.yml"), promtoolTestFile(path.basename(rules), thanosCases));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 600_000);
        assert.notStrictEqual(res.code, 0);
        // Every firing scenario fails on its own, not just the first.
        assert.strictEqual((res.stdout + res.stderr).match(/^\s+name: /gm)?.length ?? 0, thanosCases.length, res.stdout + res.stderr);
    });

    it("fails the unit tests against rules that never fire, so the test above can fail", async function () {
        this.timeout(600_000);
        const silent = ruleFile(stackConfig("prod")).groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, expr: "vector(1) > 2" })) }));
        const rules = writeYaml(path.join(dir(), "silent-rules.yml"), withoutAnnotations(silent));
        const tests = writeYaml(path.join(dir(), "silent-tests.yml"), promtoolTestFile(path.basename(rules), ruleCases()));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 600_000);
        assert.notStrictEqual(res.code, 0);
    });
});

describe("promtool on the generated annotations", function () {
    const dir = toolSuite("promtool-annotations", "promtool");

    it("names the pod of a down target, and every target when none is left", async () => {
        const rules = writeRules(dir(), stackConfig("prod"));
        const job = { job: "kps-prometheus", namespace: "monitoring" };
        const expected = (who: string, labels: Record<string, string>) => ({
            exp_labels: { ...labels, severity: "critical", service: "prometheus" },
            exp_annotations: {
                summary: "Prometheus is down.",
                description: `Prometheus in monitoring: ${who} has not been scraped successfully for 5 minutes; with one replica nothing else evaluates alerts.`,
            },
        });
        const tests = writeYaml(path.join(dir(), "tests.yml"), {
            rule_files: [path.basename(rules)],
            evaluation_interval: "1m",
            tests: [
                {
                    interval: "1m",
                    input_series: [{ series: 'up{job="kps-prometheus", namespace="monitoring", pod="prometheus-0"}', values: "0x10" }],
                    alert_rule_test: [{ eval_time: "10m", alertname: "PrometheusDown", exp_alerts: [expected("pod prometheus-0", { ...job, pod: "prometheus-0" })] }],
                },
                {
                    interval: "1m",
                    input_series: [],
                    alert_rule_test: [{ eval_time: "10m", alertname: "PrometheusDown", exp_alerts: [expected("every target", job)] }],
                },
            ],
        });
        const res = await run(TOOLS.promtool, ["test", "rules", tests]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("says why the log agent dropped entries: retries ran out after server errors, with the count's caveat", async () => {
        const rules = writeRules(dir(), stackConfig("prod"));
        const agent = { job: "log-agent", namespace: "monitoring", pod: "log-agent-x7k2p" };
        const labels = (more: Record<string, string>) => Object.entries({ ...agent, host: "loki:3100", ...more }).map(([k, v]) => `${k}="${v}"`).join(", ");
        const tests = writeYaml(path.join(dir(), "drops.yml"), {
            rule_files: [path.basename(rules)],
            evaluation_interval: "1m",
            tests: [{
                interval: "1m",
                input_series: [
                    { series: `promtail_dropped_entries_total{${labels({ tenant: "", reason: "ingester_error" })}}`, values: "0x5 25x10" },
                    { series: `promtail_request_duration_seconds_count{${labels({ status_code: "500" })}}`, values: "0x5 6x10" },
                ],
                alert_rule_test: [{
                    eval_time: "15m",
                    alertname: "LogAgentDroppingEntries",
                    exp_alerts: [{
                        exp_labels: { namespace: "monitoring", pod: agent.pod, reason: "ingester_error", severity: "warning", service: "log-agent" },
                        exp_annotations: {
                            summary: "The log agent (promtail) drops log entries.",
                            description: "promtail pod log-agent-x7k2p dropped 25 entries in 15m (reason ingester_error): its pushes failed with server or connection errors until the retries ran out; the count can include batches Loki refused in part with a 400 in the same window, which are counted whole.",
                        },
                    }],
                }],
            }],
        });
        const res = await run(TOOLS.promtool, ["test", "rules", tests]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });
});
