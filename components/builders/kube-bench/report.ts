/**
 * kube-bench's JSON report (`kube-bench --json`) to Prometheus exposition text for the
 * Pushgateway and a Loki push payload.
 *
 * The report shape is kube-bench's check.OverallControls (v0.15.6 check/controls.go,
 * check/check.go): {Controls: [{id, text, node_type, tests: [{section, desc, results:
 * [{test_number, test_desc, status, scored, remediation, reason}]}], total_pass, total_fail,
 * total_warn, total_info}], Totals: {...}}.
 *
 * `kubeBenchReport` is shipped into the job as source text (Function.prototype.toString, see
 * script.ts), so it must stay self-contained: no imports, no module-level helpers, nothing a
 * TypeScript-to-JavaScript transpile would turn into a helper call. That is why it is one
 * function longer than the house 40 lines, with its helpers inside.
 */

/** Who ran the benchmark; becomes the `node` and `role` labels. */
export interface ReportContext {
    node: string;
    role: string;
    /** Run time in milliseconds since the epoch: the Loki entry timestamps and the last-run gauge. */
    timeMs: number;
}

export interface KubeBenchReport {
    /** Prometheus text exposition format (version 0.0.4), ending in a newline. */
    metrics: string;
    /** Body of a Loki POST /loki/api/v1/push. */
    loki: { streams: { stream: Record<string, string>; values: [string, string][] }[] };
    /** Check counts per benchmark target (node_type) and status. */
    totals: Record<string, { pass: number; fail: number; warn: number; info: number }>;
}

/** Metric names, exported for rules, dashboards and tests. */
export const KUBE_BENCH_METRICS = {
    checks: "kube_bench_checks",
    lastRun: "kube_bench_last_run_timestamp_seconds",
} as const;

export function kubeBenchReport(input: unknown, ctx: ReportContext): KubeBenchReport {
    const STATUSES = ["pass", "fail", "warn", "info"];
    const fail = (why: string): never => {
        throw new Error(`kube-bench report: ${why}`);
    };
    const obj = (v: unknown, what: string): Record<string, unknown> =>
        typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(`expected ${what} to be an object`);
    const list = (v: unknown, what: string): unknown[] => (Array.isArray(v) ? v : v === null ? [] : fail(`expected ${what} to be a list`));
    const count = (v: unknown, what: string): number => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(`expected ${what} to be a count`));
    const text = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
    const esc = (v: string): string => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
    const labels = (l: Record<string, string>): string =>
        "{" + Object.keys(l).map((k) => `${k}="${esc(l[k])}"`).join(",") + "}";

    const root = obj(input, "the report");
    const controls = list(root.Controls, "Controls");
    if (controls.length === 0) {
        fail("no Controls: kube-bench ran no benchmark target on this node");
    }
    const totals: KubeBenchReport["totals"] = {};
    const entries: Record<string, { stream: Record<string, string>; values: [string, string][] }> = {};
    const base = BigInt(Math.trunc(ctx.timeMs)) * BigInt(1000000);
    let seq = 0;
    controls.forEach((c, i) => {
        const control = obj(c, `Controls[${i}]`);
        const target = text(control.node_type) || fail(`expected Controls[${i}].node_type`);
        const t = totals[target] ?? (totals[target] = { pass: 0, fail: 0, warn: 0, info: 0 });
        t.pass += count(control.total_pass, `Controls[${i}].total_pass`);
        t.fail += count(control.total_fail, `Controls[${i}].total_fail`);
        t.warn += count(control.total_warn, `Controls[${i}].total_warn`);
        t.info += count(control.total_info, `Controls[${i}].total_info`);
        list(control.tests, `Controls[${i}].tests`).forEach((g, j) => {
            const group = obj(g, `Controls[${i}].tests[${j}]`);
            list(group.results, `Controls[${i}].tests[${j}].results`).forEach((r, k) => {
                const check = obj(r, `Controls[${i}].tests[${j}].results[${k}]`);
                const status = text(check.status).toLowerCase();
                if (!STATUSES.includes(status)) {
                    fail(`unexpected status ${JSON.stringify(check.status)} in check ${text(check.test_number)}`);
                }
                const key = `${target}/${status}`;
                const stream = entries[key] ?? (entries[key] = { stream: { job: "kube-bench", node: ctx.node, role: ctx.role, target, status }, values: [] });
                const line: Record<string, unknown> = {
                    id: text(check.test_number),
                    section: text(group.section),
                    check: text(check.test_desc),
                    scored: check.scored === true,
                };
                if (status === "fail" || status === "warn") {
                    line.remediation = text(check.remediation);
                    if (text(check.reason) !== "") {
                        line.reason = text(check.reason);
                    }
                }
                // Distinct, increasing nanosecond timestamps keep every line in Loki's order.
                stream.values.push([(base + BigInt(seq++)).toString(), JSON.stringify(line)]);
            });
        });
    });

    const node = { node: ctx.node, role: ctx.role };
    const out = [
        "# HELP kube_bench_checks kube-bench checks by result in the last run on a node, per benchmark target.",
        "# TYPE kube_bench_checks gauge",
    ];
    for (const target of Object.keys(totals).sort()) {
        for (const status of STATUSES) {
            const value = totals[target][status as "pass" | "fail" | "warn" | "info"];
            out.push(`kube_bench_checks${labels({ ...node, target, status })} ${value}`);
        }
    }
    out.push(
        "# HELP kube_bench_last_run_timestamp_seconds When kube-bench last reported from a node.",
        "# TYPE kube_bench_last_run_timestamp_seconds gauge",
        `kube_bench_last_run_timestamp_seconds${labels(node)} ${Math.floor(ctx.timeMs / 1000)}`,
    );
    return {
        metrics: out.join("\n") + "\n",
        loki: { streams: Object.keys(entries).sort().map((k) => entries[k]) },
        totals,
    };
}
