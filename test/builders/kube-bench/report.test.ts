import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { missingToolchainBinaries, toolchainBinary } from "../../helpers/toolchain";
import { KUBE_BENCH_METRICS, kubeBenchReport } from "../../../components/builders/kube-bench/report";

/**
 * Fixtures in the shape kube-bench v0.15.6 prints with --json (check.OverallControls): a worker
 * (node and policies targets) and a control-plane node (master, etcd, controlplane, node,
 * policies). Built to the structs in check/controls.go and check/check.go, not captured.
 */
const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures", "kube-bench");
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));
const CTX = { node: "worker-1", role: "worker", timeMs: 1_790_000_000_123 };

/** `name{labels} value` lines of an exposition, comments dropped. */
function samples(text: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const line of text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))) {
        const at = line.lastIndexOf(" ");
        out.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
    return out;
}

describe("kube-bench report: totals", () => {
    it("counts pass, fail, warn and info per benchmark target from the Controls totals", () => {
        const report = kubeBenchReport(load("worker.json"), CTX);
        assert.deepStrictEqual(report.totals, {
            node: { pass: 3, fail: 1, warn: 1, info: 1 },
            policies: { pass: 0, fail: 0, warn: 1, info: 0 },
        });
    });

    it("keeps every target kube-bench ran on a control-plane node", () => {
        const report = kubeBenchReport(load("control-plane.json"), { ...CTX, node: "cp-1", role: "control-plane" });
        assert.deepStrictEqual(Object.keys(report.totals).sort(), ["controlplane", "etcd", "master", "node", "policies"]);
        assert.strictEqual(report.totals.master.fail, 2);
    });
});

describe("kube-bench report: Prometheus exposition", () => {
    const report = kubeBenchReport(load("worker.json"), CTX);

    it("writes one kube_bench_checks sample per target and status, labelled with node and role", () => {
        const s = samples(report.metrics);
        assert.strictEqual(s.get(`${KUBE_BENCH_METRICS.checks}{node="worker-1",role="worker",target="node",status="fail"}`), 1);
        assert.strictEqual(s.get(`${KUBE_BENCH_METRICS.checks}{node="worker-1",role="worker",target="policies",status="pass"}`), 0);
        assert.strictEqual([...s.keys()].filter((k) => k.startsWith(`${KUBE_BENCH_METRICS.checks}{`)).length, 8);
    });

    it("records the run time in seconds for the staleness alert", () => {
        assert.strictEqual(samples(report.metrics).get(`${KUBE_BENCH_METRICS.lastRun}{node="worker-1",role="worker"}`), 1_790_000_000);
    });

    it("escapes quotes, backslashes and newlines in label values", () => {
        const odd = kubeBenchReport(load("worker.json"), { ...CTX, node: 'a"b\\c\nd' });
        assert.ok(odd.metrics.includes('node="a\\"b\\\\c\\nd"'), odd.metrics.split("\n")[2]);
    });

    it("ends with a newline, as the Pushgateway requires", () => {
        assert.ok(report.metrics.endsWith("\n"));
    });

    it("passes promtool check metrics", function () {
        const missing = missingToolchainBinaries("promtool");
        if (missing.length > 0) {
            console.log(`      (skipped: ${missing.join("; ")})`);
            this.skip();
        }
        const promtool = toolchainBinary("promtool");
        const run = spawnSync(promtool, ["check", "metrics"], { input: report.metrics, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stdout + run.stderr);
        assert.strictEqual((run.stdout + run.stderr).trim(), "");
    });

    it("is told apart by promtool from a malformed exposition, so the check above is meaningful", function () {
        if (missingToolchainBinaries("promtool").length > 0) {
            this.skip();
        }
        const promtool = toolchainBinary("promtool");
        const broken = report.metrics.replace("kube_bench_checks{", "kube-bench-checks{");
        const run = spawnSync(promtool, ["check", "metrics"], { input: broken, encoding: "utf8", cwd: os.tmpdir() });
        assert.notStrictEqual(run.status, 0);
    });
});

describe("kube-bench report: Loki payload", () => {
    const report = kubeBenchReport(load("worker.json"), CTX);

    it("puts each check in a stream labelled job, node, role, target and status", () => {
        const fails = report.loki.streams.filter((s) => s.stream.status === "fail");
        assert.deepStrictEqual(fails.map((s) => s.stream), [{ job: "kube-bench", node: "worker-1", role: "worker", target: "node", status: "fail" }]);
        const line = JSON.parse(fails[0].values[0][1]);
        assert.strictEqual(line.id, "4.2.6");
        assert.strictEqual(line.section, "4.2");
        assert.match(line.remediation, /makeIPTablesUtilChains/);
        assert.match(line.reason, /make-iptables-util-chains/);
    });

    it("sends every result exactly once", () => {
        const lines = report.loki.streams.flatMap((s) => s.values.map((v) => JSON.parse(v[1]).id)).sort();
        assert.deepStrictEqual(lines, ["4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.10", "4.2.6", "5.1.1"]);
    });

    it("leaves remediation text out of passing checks", () => {
        const pass = report.loki.streams.find((s) => s.stream.status === "pass")!;
        assert.ok(pass.values.every((v) => !("remediation" in JSON.parse(v[1]))));
    });

    it("stamps entries in nanoseconds from the run time, distinct and increasing", () => {
        const stamps = report.loki.streams.flatMap((s) => s.values.map((v) => BigInt(v[0]))).sort((a, b) => (a < b ? -1 : 1));
        assert.strictEqual(stamps[0], BigInt(CTX.timeMs) * BigInt(1_000_000));
        assert.strictEqual(new Set(stamps.map(String)).size, stamps.length);
    });
});

describe("kube-bench report: input it refuses", () => {
    const cases: [string, unknown, RegExp][] = [
        ["a report without Controls", { Totals: {} }, /Controls to be a list/],
        ["an empty Controls list", { Controls: [] }, /no Controls/],
        ["a control without node_type", { Controls: [{ tests: [], total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 }] }, /node_type/],
        ["a negative total", { Controls: [{ node_type: "node", tests: [], total_pass: -1, total_fail: 0, total_warn: 0, total_info: 0 }] }, /total_pass to be a count/],
        ["an unknown status", { Controls: [{ node_type: "node", tests: [{ section: "4.1", results: [{ test_number: "4.1.1", status: "SKIP" }] }], total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 }] }, /unexpected status "SKIP" in check 4.1.1/],
    ];
    for (const [why, input, message] of cases) {
        it(`rejects ${why}`, () => {
            assert.throws(() => kubeBenchReport(input, CTX), message);
        });
    }
});
