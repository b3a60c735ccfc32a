/**
 * CIS benchmark results from kube-bench (when `kubeBench.enabled`): the failing checks per node
 * and target over time, so a rise stands out, which checks newly fail, how old each role's
 * latest report is, and the failing checks with their remediation from Loki. The queries are
 * the ones the kube-bench alerts use (builders/kube-bench-rules.ts).
 */
import type * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { FAILING_CHECKS_INCREASE_QUERY, FAILING_CHECKS_LOGS_QUERY, FAILING_CHECKS_QUERY, REPORT_AGE_QUERY } from "../kube-bench-rules";
import { newDashboard } from "./base";
import { bars, graph, logLines, row, singleStat } from "./panels";
import { lokiQuery, promQuery } from "./queries";

export const SECURITY_BENCHMARK_UID = "obs-kube-bench";

/** A report older than two days means a run was missed (the KubeBenchReportsMissing alert). */
const STALE_REPORT_SECONDS = 2 * 24 * 3600;

export function securityBenchmarkDashboard(): dashboard.DashboardBuilder {
    const d = newDashboard({
        uid: SECURITY_BENCHMARK_UID,
        title: "CIS benchmark (kube-bench)",
        tags: ["security", "kube-bench"],
        description: "kube-bench results per node and target: failing checks, new failures, report age and remediation.",
        range: "7d",
        refresh: "5m",
    });
    d.withRow(row("Failing checks"));
    d.withPanel(graph("Failing checks by node and target", [promQuery("A", FAILING_CHECKS_QUERY, { legend: "{{node}} {{target}}" })], {
        unit: "short",
        width: 16,
        description: "FAIL results of the latest run per node and target; a step up is a new failure.",
    }));
    d.withPanel(singleStat("Report age by role", [promQuery("A", REPORT_AGE_QUERY, { legend: "{{role}}" })], {
        unit: "s",
        width: 8,
        redAbove: STALE_REPORT_SECONDS,
        description: "Time since the newest report of each node role.",
    }));
    d.withPanel(bars("Failing checks that grew within a day", [promQuery("A", FAILING_CHECKS_INCREASE_QUERY, { legend: "{{node}} {{target}}", instant: true })], {
        unit: "short",
        width: 24,
        description: "Node and target pairs whose failing checks grew within the last day (what KubeBenchFailingChecksIncreased alerts on).",
    }));
    d.withPanel(logLines("Failing checks with remediation", lokiQuery("A", FAILING_CHECKS_LOGS_QUERY), {
        height: 14,
        description: "One line per failing check of the recent runs: node, target, check id, text and remediation.",
    }));
    return d;
}
