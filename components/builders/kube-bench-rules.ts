/**
 * Alerts on kube-bench results, routed to the security receiver by `service: security`
 * (builders/alertmanager-config.ts routes service="security" there), and the queries a
 * dashboard panel can show (the *_QUERY exports: a stat or table of FAILING_CHECKS_QUERY, a
 * logs panel of FAILING_CHECKS_LOGS_QUERY against the Loki datasource).
 */
import { KUBE_BENCH_METRICS } from "./kube-bench/report";
import type { RuleGroup } from "./rules/types";

const { checks, lastRun } = KUBE_BENCH_METRICS;

/** Failing checks per node and target right now. */
export const FAILING_CHECKS_QUERY = `sum by (node, target) (${checks}{status="fail"})`;

/**
 * Failing checks that grew within the last day, per node and target: the count now minus the
 * count a day ago. The series are gauges set once per run and scraped from the Pushgateway every
 * interval, so both ends exist, and the difference is a whole number of checks. delta() over
 * [1d] extrapolated the first-to-last change to the window's edges instead, a fraction off (and
 * further off since Prometheus 3's ranges exclude the sample at their left edge: 2.087 for 2
 * with hourly samples), which the alert's description printed as the number of checks.
 */
export const FAILING_CHECKS_INCREASE_QUERY = `sum by (node, target) (${checks}{status="fail"} - ${checks}{status="fail"} offset 1d) > 0`;

/** Seconds since any node of each role last reported. */
export const REPORT_AGE_QUERY = `time() - max by (role) (${lastRun})`;

/** Loki: the failing checks of the latest runs, one line each with its remediation. */
export const FAILING_CHECKS_LOGS_QUERY = `{job="kube-bench", status="fail"} | json | line_format "{{.node}} {{.target}} {{.id}} {{.check}}: {{.remediation}}"`;

/** Two days: a daily schedule may miss one run (node drained, image pull) before this fires. */
const MISSING_AFTER_SECONDS = 2 * 24 * 3600;

export function kubeBenchRuleGroup(): RuleGroup {
    return {
        name: "kube-bench",
        rules: [
            {
                alert: "KubeBenchFailingChecksIncreased",
                expr: FAILING_CHECKS_INCREASE_QUERY,
                for: "0m",
                labels: { severity: "warning", service: "security" },
                annotations: {
                    summary: "More CIS benchmark checks fail on {{ $labels.node }} ({{ $labels.target }}) than a day ago.",
                    description: "kube-bench reports {{ $value | humanize }} more failing {{ $labels.target }} checks on node {{ $labels.node }} within 24h. Query Loki with {job=\"kube-bench\", node=\"{{ $labels.node }}\", status=\"fail\"} for the checks and their remediation.",
                },
            },
            {
                alert: "KubeBenchReportsMissing",
                expr: `${REPORT_AGE_QUERY} > ${MISSING_AFTER_SECONDS}`,
                for: "1h",
                labels: { severity: "warning", service: "security" },
                annotations: {
                    summary: "No kube-bench report from a {{ $labels.role }} node for two days.",
                    description: "The kube-bench CronJob for role {{ $labels.role }} has not pushed results to the Pushgateway for more than 48h. Check the CronJob's last Jobs in the stack namespace (kubectl get jobs -l app.kubernetes.io/name=kube-bench).",
                },
            },
        ],
    };
}
