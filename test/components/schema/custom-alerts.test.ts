import * as assert from "assert";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

const SEALING = {
    name: "SealingJobsFailing",
    expr: "increase(sealing_jobs_failed_total[10m]) > 5",
    severity: "critical",
    summary: "Sealing jobs fail",
    description: "{{ $value }} sealing jobs failed in {{ $labels.namespace }} over 10 minutes.",
    runbookUrl: "https://runbooks.example.com/sealing",
};
const stackWide = (alerts: unknown[]): ConfigTree => ({ alerting: { metricAlerts: alerts } });
const perApp = (alerts: unknown[]): ConfigTree => ({ apps: [{ name: "api", namespace: "shop", selector: { app: "api" }, team: "payments", metricAlerts: alerts }] });

describe("alerting.metricAlerts and apps[].metricAlerts config", () => {
    it("takes an alert with every field, and fills for: 0s and no extra labels", () => {
        const [a] = stackConfig("dev", stackWide([SEALING])).alerting.metricAlerts;
        assert.deepStrictEqual(a, { ...SEALING, for: "0s", labels: {} });
    });

    it("takes a minimal alert: a name and an expression", () => {
        const [a] = stackConfig("dev", perApp([{ name: "ApiDown", expr: 'up{job="api"} == 0', for: "1m" }])).apps[0].metricAlerts;
        assert.deepStrictEqual(a, { name: "ApiDown", expr: 'up{job="api"} == 0', for: "1m", labels: {} });
    });

    it("defaults to no alerts, so existing stacks are unchanged", () => {
        const c = stackConfig("dev");
        assert.deepStrictEqual(c.alerting.metricAlerts, []);
        assert.ok(c.apps.every((a) => a.metricAlerts.length === 0));
    });

    const cases: [string, ConfigTree, string, RegExp][] = [
        ["a PromQL syntax error", stackWide([{ ...SEALING, expr: "increase(sealing_jobs_failed_total[10m] > 5" }]), "alerting.metricAlerts.0.expr", /expected a PromQL expression such as .*; it has a syntax error at character \d+, near "/],
        ["an empty expression", stackWide([{ ...SEALING, expr: " " }]), "alerting.metricAlerts.0.expr", /PromQL expression .*nothing in it/],
        ["an alert name with spaces", stackWide([{ ...SEALING, name: "Sealing jobs failing" }]), "alerting.metricAlerts.0.name", /alert name such as SealingJobsFailing/],
        ["a duplicate alert name within a group", stackWide([SEALING, { ...SEALING, severity: "warning" }]), "alerting.metricAlerts.1.name", /unique within the group, "SealingJobsFailing" is also entry 0/],
        ["a duplicate alert name within an app", perApp([SEALING, SEALING]), "apps.0.metricAlerts.1.name", /unique within the group/],
        ["a label name with a dash", stackWide([{ ...SEALING, labels: { "data-center": "eu" } }]), "alerting.metricAlerts.0.labels.data-center", /Prometheus label name such as team/],
        ["a severity label beside the severity field", stackWide([{ ...SEALING, labels: { severity: "page" } }]), "alerting.metricAlerts.0.labels.severity", /set the alert's severity field/],
        ["an unknown severity", stackWide([{ ...SEALING, severity: "high" }]), "alerting.metricAlerts.0.severity", /critical, warning or info/],
        ["an unbalanced template", stackWide([{ ...SEALING, description: "{{ $value failed" }]), "alerting.metricAlerts.0.description", /valid Prometheus templates .*without its "\}\}"/],
        ["an unknown template function", perApp([{ ...SEALING, summary: "{{ $value | humanise }} failed" }]), "apps.0.metricAlerts.0.summary", /unknown function humanise/],
        ["a runbook that is not a URL", stackWide([{ ...SEALING, runbookUrl: "wiki/sealing" }]), "alerting.metricAlerts.0.runbookUrl", /http:\/\/ or https:\/\/ URL/],
        ["a for in words", stackWide([{ ...SEALING, for: "ten minutes" }]), "alerting.metricAlerts.0.for", /Prometheus duration/],
        ["an unknown alert field", stackWide([{ ...SEALING, threshold: 5 }]), "alerting.metricAlerts.0.threshold", /unknown key/],
    ];
    for (const [why, overrides, key, expects] of cases) {
        it(`refuses ${why}, naming ${key}`, () => {
            assert.match(configProblem(overrides, key), expects);
        });
    }
});
