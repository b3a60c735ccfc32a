/**
 * promtool (the toolchain's, Prometheus 3.14) on the metric alerts the prod stack file defines:
 * the rule file loads with its templates, and every alert fires over its threshold and stays
 * silent under it. amtool proves each configured route of prod.
 */
import * as assert from "assert";
import * as path from "path";
import { alertmanagerConfig } from "../../components/builders/alertmanager-config";
import { customMetricRuleFile } from "../../components/builders/rules/custom";
import { stackConfig } from "../helpers/config";
import { writeYaml } from "./helpers/fixtures";
import { run, TOOLS } from "./helpers/tools";
import { toolSuite } from "./helpers/tool-suite";
import { CUSTOM_ALERT_CASES, customPromtoolTestFile } from "./custom-alert-cases";

/** Annotations are compared only where a case gives them: promtool wants all or none. */
function ruleFileFor(cases: typeof CUSTOM_ALERT_CASES): unknown {
    const keep = new Set(cases.filter((c) => c.annotations !== undefined).map((c) => c.alert));
    return { groups: customMetricRuleFile(stackConfig("prod")).groups.map((g) => ({ ...g, rules: g.rules.map(({ annotations, ...r }) => (keep.has(r.alert) ? { ...r, annotations } : r)) })) };
}

describe("promtool on the prod stack's own metric alerts", function () {
    const dir = toolSuite("custom-alerts", "promtool");

    it("accepts the rule file, templates included (promtool check rules)", async () => {
        const file = writeYaml(path.join(dir(), "custom.yml"), customMetricRuleFile(stackConfig("prod")));
        const res = await run(TOOLS.promtool, ["check", "rules", file]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
        assert.match(res.stdout, /SUCCESS: 3 rules found/);
    });

    it("has a firing and a silent case for every alert of the prod stack file", () => {
        for (const rule of customMetricRuleFile(stackConfig("prod")).groups.flatMap((g) => g.rules)) {
            const mine = CUSTOM_ALERT_CASES.filter((c) => c.alert === rule.alert);
            assert.ok(mine.some((c) => c.fires) && mine.some((c) => !c.fires), `${rule.alert} lacks a firing or a silent case`);
        }
    });

    it("fires every alert over its threshold and not under it (promtool test rules)", async () => {
        const rules = writeYaml(path.join(dir(), "rules.yml"), ruleFileFor(CUSTOM_ALERT_CASES));
        const tests = writeYaml(path.join(dir(), "tests.yml"), customPromtoolTestFile(path.basename(rules), CUSTOM_ALERT_CASES));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 60_000);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    it("fails the same tests with every threshold raised tenfold, so the test above can fail", async () => {
        const raised = ruleFileFor(CUSTOM_ALERT_CASES) as { groups: { rules: { expr: string }[] }[] };
        for (const g of raised.groups) {
            g.rules = g.rules.map((r) => ({ ...r, expr: r.expr.replace(/> (\d+)$/, (_, n: string) => `> ${Number(n) * 10}`).replace(/== 0$/, "== 5") }));
        }
        const rules = writeYaml(path.join(dir(), "raised.yml"), raised);
        const tests = writeYaml(path.join(dir(), "raised-tests.yml"), customPromtoolTestFile(path.basename(rules), CUSTOM_ALERT_CASES));
        const res = await run(TOOLS.promtool, ["test", "rules", tests], 60_000);
        assert.notStrictEqual(res.code, 0);
        for (const alert of ["SealingJobsFailing", "ThreatDetectionRateHigh", "ApiDown"]) {
            assert.match(res.stdout + res.stderr, new RegExp(`alertname: ${alert}`), `${alert} did not fail`);
        }
    });
});

/** Labels of a test alert and the receivers the prod routing must pick, in order. */
const ROUTES: [string[], string[]][] = [
    // The payments team's route, and on-call after it for critical alerts (continue).
    [["alertname=SealingJobsFailing", "severity=critical", "service=sealing", "team=payments"], ["payments", "on-call"]],
    [["alertname=AppHighLatencyP95", "severity=warning", "service=checkout", "team=payments"], ["payments"]],
    [["alertname=InternalServerErrors", "severity=critical", "service=checkout", "team=payments", "namespace=shop"], ["payments", "on-call"]],
    // The security team's route: its own receiver, and nothing after it.
    [["alertname=ThreatDetectionRateHigh", "severity=warning", "service=threat-detection", "team=security"], ["security"]],
    // Alerts without a team keep the built-in routing.
    [["alertname=AppTargetDown", "severity=critical", "service=catalog"], ["on-call"]],
    [["alertname=LogAgentDown", "severity=warning", "service=log-agent"], ["default"]],
];

describe("amtool on the prod stack's routes", function () {
    const dir = toolSuite("custom-routes", "amtool");
    let file: string;
    before(async function () {
        file = writeYaml(path.join(dir(), "alertmanager.yml"), alertmanagerConfig(stackConfig("prod"), "/etc/alertmanager/secrets"));
        const res = await run(TOOLS.amtool, ["check-config", file]);
        assert.strictEqual(res.code, 0, res.stdout + res.stderr);
    });

    for (const [labels, receivers] of ROUTES) {
        it(`sends {${labels.join(", ")}} to ${receivers.join(" and ")}`, async () => {
            const res = await run(TOOLS.amtool, ["config", "routes", "test", `--config.file=${file}`, "--verify.receivers", receivers.join(","), ...labels]);
            assert.strictEqual(res.code, 0, `${res.stdout}${res.stderr}`);
            assert.strictEqual(res.stdout.trim(), receivers.join(","));
        });
    }

    it("covers every configured route of prod", () => {
        const configured = stackConfig("prod").alerting.routes.map((r) => r.receiver);
        for (const receiver of configured) {
            assert.ok(ROUTES.some(([, to]) => to[0] === receiver), `no routing case reaches ${receiver} first`);
        }
    });
});
