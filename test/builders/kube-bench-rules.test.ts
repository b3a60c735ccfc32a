import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parser as logqlParser } from "@grafana/lezer-logql";
import { parser } from "@prometheus-io/lezer-promql";
import * as YAML from "yaml";
import { missingToolchainBinaries, toolchainBinary } from "../helpers/toolchain";
import { FAILING_CHECKS_LOGS_QUERY, FAILING_CHECKS_QUERY, kubeBenchRuleGroup, REPORT_AGE_QUERY } from "../../components/builders/kube-bench-rules";

function syntaxErrors(expr: string): string[] {
    const errors: string[] = [];
    parser.parse(expr).iterate({ enter: (node) => void (node.type.isError && errors.push(`at ${node.from}`)) });
    return errors;
}

const group = kubeBenchRuleGroup();
const rule = (name: string) => group.rules.find((r) => r.alert === name)!;

describe("kube-bench alert rules", () => {
    it("alerts when more checks fail than a day ago, as a whole number (now minus a day ago, not an extrapolated delta)", () => {
        assert.match(rule("KubeBenchFailingChecksIncreased").expr, /\(kube_bench_checks\{status="fail"\} - kube_bench_checks\{status="fail"\} offset 1d\) > 0$/);
    });

    it("routes every alert to the security receiver", () => {
        for (const r of group.rules) {
            assert.strictEqual(r.labels.service, "security", r.alert);
            assert.strictEqual(r.labels.severity, "warning", r.alert);
        }
    });

    it("parses every expression and dashboard query with lezer-promql", () => {
        assert.notDeepStrictEqual(syntaxErrors("delta(kube_bench_checks{status=\"fail\"[1d])"), []);
        for (const expr of [...group.rules.map((r) => r.expr), FAILING_CHECKS_QUERY, REPORT_AGE_QUERY]) {
            assert.deepStrictEqual(syntaxErrors(expr), [], expr);
        }
    });

    it("ships a LogQL query for the failing checks that lezer-logql parses", () => {
        const errors = (q: string) => {
            const found: number[] = [];
            logqlParser.parse(q).iterate({ enter: (node) => void (node.type.isError && found.push(node.from)) });
            return found;
        };
        assert.notDeepStrictEqual(errors('{job="kube-bench" | json'), []);
        assert.deepStrictEqual(errors(FAILING_CHECKS_LOGS_QUERY), []);
    });

    it("passes promtool check rules", function () {
        const missing = missingToolchainBinaries("promtool");
        if (missing.length > 0) {
            console.log(`      (skipped: ${missing.join("; ")})`);
            this.skip();
        }
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kube-bench-rules-")), "rules.yaml");
        fs.writeFileSync(file, YAML.stringify({ groups: [group] }));
        const run = spawnSync(toolchainBinary("promtool"), ["check", "rules", file], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    });

    it("fires on a rising failure count and not on a steady one (promtool test rules)", function () {
        if (missingToolchainBinaries("promtool").length > 0) {
            this.skip();
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-bench-rules-"));
        fs.writeFileSync(path.join(dir, "rules.yaml"), YAML.stringify({ groups: [group] }));
        const series = (node: string, values: string) => ({ series: `kube_bench_checks{node="${node}",role="worker",target="node",status="fail"}`, values });
        const alert = { severity: "warning", service: "security", target: "node" };
        fs.writeFileSync(path.join(dir, "test.yaml"), YAML.stringify({
            rule_files: ["rules.yaml"],
            evaluation_interval: "1m",
            tests: [{
                interval: "1h",
                // w1 went from 3 to 5 failing checks at hour 24; w2 stayed at 3.
                input_series: [series("w1", "3x23 5x40"), series("w2", "3x63")],
                alert_rule_test: [
                    { eval_time: "20h", alertname: "KubeBenchFailingChecksIncreased", exp_alerts: [] },
                    {
                        eval_time: "30h",
                        alertname: "KubeBenchFailingChecksIncreased",
                        exp_alerts: [{
                            exp_labels: { ...alert, node: "w1" },
                            exp_annotations: {
                                summary: "More CIS benchmark checks fail on w1 (node) than a day ago.",
                                description: 'kube-bench reports 2 more failing node checks on node w1 within 24h. Query Loki with {job="kube-bench", node="w1", status="fail"} for the checks and their remediation.',
                            },
                        }],
                    },
                    // A day after the change the count is steady again: resolved.
                    { eval_time: "60h", alertname: "KubeBenchFailingChecksIncreased", exp_alerts: [] },
                ],
            }],
        }));
        const run = spawnSync(toolchainBinary("promtool"), ["test", "rules", "test.yaml"], { encoding: "utf8", cwd: dir });
        assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    });

    it("reports a role whose runs stopped for two days (promtool test rules)", function () {
        if (missingToolchainBinaries("promtool").length > 0) {
            this.skip();
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-bench-rules-"));
        fs.writeFileSync(path.join(dir, "rules.yaml"), YAML.stringify({ groups: [group] }));
        fs.writeFileSync(path.join(dir, "test.yaml"), YAML.stringify({
            rule_files: ["rules.yaml"],
            evaluation_interval: "1m",
            tests: [{
                // Scraped every minute: the worker run last reported at t=0 and never again, while
                // the Pushgateway keeps serving that value.
                interval: "1m",
                input_series: [{ series: 'kube_bench_last_run_timestamp_seconds{node="w1",role="worker"}', values: "0x3100" }],
                alert_rule_test: [
                    { eval_time: "47h", alertname: "KubeBenchReportsMissing", exp_alerts: [] },
                    {
                        eval_time: "50h",
                        alertname: "KubeBenchReportsMissing",
                        exp_alerts: [{
                            exp_labels: { severity: "warning", service: "security", role: "worker" },
                            exp_annotations: {
                                summary: "No kube-bench report from a worker node for two days.",
                                description: group.rules[1].annotations.description.replace("{{ $labels.role }}", "worker"),
                            },
                        }],
                    },
                ],
            }],
        }));
        const run = spawnSync(toolchainBinary("promtool"), ["test", "rules", "test.yaml"], { encoding: "utf8", cwd: dir });
        assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    });
});
