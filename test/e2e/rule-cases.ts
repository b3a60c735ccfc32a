/**
 * promtool unit tests for the prod stack's generated rules (its SLOs' recording rules
 * included): for every alert (and severity) one scenario in which it fires and one in which it
 * stays silent. Series labels use the same job
 * names the rules use (STACK_JOBS), so a renamed job breaks these tests as it would break the
 * alerts. Expected labels are the query's output labels plus the rule's severity and service.
 */
import { STACK_JOBS } from "../../components/builders/rules/targets";

export type Labels = Record<string, string>;
export interface Series { series: string; values: string }
export interface RuleCase {
    /** What the scenario shows, e.g. "fires when the target is down". */
    name: string;
    alert: string;
    /** The severity this case covers (an alert name can have one rule per severity). */
    severity: string;
    fires: boolean;
    series: Series[];
    evalTime: string;
    /** Labels of each expected alert; empty for a silent case. */
    expected: Labels[];
}

export const NS = "monitoring";
export const series = (metric: string, labels: Labels, values: string): Series => ({
    series: `${metric}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}}`,
    values,
});
export const target = (job: string, pod: string, namespace = NS): Labels => ({ job, namespace, pod });
export const pick = (labels: Labels, keys: string[]): Labels => Object.fromEntries(keys.map((k) => [k, labels[k]]));

/** Down (up == 0), gone (no `up` at all) and healthy scenarios of a target-down alert. */
export function targetDownCases(alert: string, t: Labels, rule: Labels, evalTime: string, others: Series[] = []): RuleCase[] {
    const severity = rule.severity;
    return [
        { name: "fires for a target that is down", alert, severity, fires: true, series: [series("up", t, "0x30"), ...others], evalTime, expected: [{ ...t, ...rule }] },
        { name: "fires when the target is gone", alert, severity, fires: true, series: others, evalTime, expected: [{ job: t.job, namespace: t.namespace, ...rule }] },
        { name: "stays silent while the target is up", alert, severity, fires: false, series: [series("up", t, "1x30"), ...others], evalTime, expected: [] },
    ];
}

/** A counter that moves fires; one that stands still does not. */
export function counterCases(alert: string, metric: string, t: Labels, by: string[], rule: Labels, evalTime: string, extra: Labels = {}): RuleCase[] {
    const labels = { ...t, ...extra };
    const severity = rule.severity;
    return [
        { name: `fires when ${metric} increases`, alert, severity, fires: true, series: [series(metric, labels, "0+1x60")], evalTime, expected: [{ ...pick(labels, by), ...rule }] },
        { name: `stays silent while ${metric} stands still`, alert, severity, fires: false, series: [series(metric, labels, "5+0x60")], evalTime, expected: [] },
    ];
}

/** A gauge at `bad` fires (labels kept, as max_over_time keeps them); at `good` it does not. */
export function gaugeCases(alert: string, metric: string, t: Labels, rule: Labels, evalTime: string, bad: string, good: string): RuleCase[] {
    const severity = rule.severity;
    return [
        { name: `fires when ${metric} is ${bad}`, alert, severity, fires: true, series: [series(metric, t, `${bad}x40`)], evalTime, expected: [{ ...t, ...rule }] },
        { name: `stays silent when ${metric} is ${good}`, alert, severity, fires: false, series: [series(metric, t, `${good}x40`)], evalTime, expected: [] },
    ];
}

/** num/den ratio cases: `bad` and `good` numerator rates against a denominator rate of 100/min. */
export function ratioCases(alert: string, num: [string, Labels], den: [string, Labels], by: string[], rule: Labels, bad: number, good: number): RuleCase[] {
    const severity = rule.severity;
    const make = (n: number): Series[] => [series(num[0], num[1], `0+${n}x40`), series(den[0], den[1], `0+${100 - (num[0] === den[0] ? n : 0)}x40`)];
    return [
        { name: `fires at ${bad}% failures`, alert, severity, fires: true, series: make(bad), evalTime: "30m", expected: [{ ...pick(num[1], by), ...rule }] },
        { name: `stays silent at ${good}% failures`, alert, severity, fires: false, series: make(good), evalTime: "30m", expected: [] },
    ];
}

function prometheusCases(): RuleCase[] {
    const t = target(STACK_JOBS.prometheus, "prometheus-0");
    const r = (severity: string) => ({ severity, service: "prometheus" });
    const by = ["namespace", "pod"];
    return [
        ...targetDownCases("PrometheusDown", t, r("critical"), "10m"),
        ...counterCases("PrometheusTSDBCompactionsFailing", "prometheus_tsdb_compactions_failed_total", t, by, r("warning"), "30m"),
        ...counterCases("PrometheusWALCorruptions", "prometheus_tsdb_wal_corruptions_total", t, by, r("warning"), "30m"),
        ...counterCases("PrometheusWALWritesFailing", "prometheus_tsdb_wal_writes_failed_total", t, by, r("critical"), "30m"),
        ...counterCases("PrometheusRuleEvaluationFailures", "prometheus_rule_evaluation_failures_total", t, by, r("critical"), "30m"),
        ...ratioCases("PrometheusErrorSendingAlerts", ["prometheus_notifications_errors_total", t], ["prometheus_notifications_sent_total", t], by, r("critical"), 5, 1),
        ...gaugeCases("PrometheusNotConnectedToAlertmanagers", "prometheus_notifications_alertmanagers_discovered", t, r("critical"), "30m", "0", "1"),
    ];
}

function alertmanagerCases(): RuleCase[] {
    const t = target(STACK_JOBS.alertmanager, "alertmanager-0");
    const r = { severity: "critical", service: "alertmanager" };
    const email = { ...t, integration: "email" };
    return [
        ...targetDownCases("AlertmanagerDown", t, r, "10m"),
        ...ratioCases("AlertmanagerNotificationsFailing", ["alertmanager_notifications_failed_total", email], ["alertmanager_notifications_total", email], ["namespace", "pod", "integration"], r, 20, 0),
        ...gaugeCases("AlertmanagerConfigReloadFailed", "alertmanager_config_last_reload_successful", t, r, "30m", "0", "1"),
    ];
}

/**
 * Promtail's drops by reason (components/builders/rules/log-agent-drops.ts): what a real
 * Promtail 3.5 reported when Loki refused one too-old line in a batch of 25 with a 400 (all 25
 * counted as dropped, reason ingester_error, while Loki kept 24) must stay silent; drops after
 * failed pushes (5xx, or a connection error: status_code "-1") and 429s fire.
 */
function droppedEntriesCases(agent: Labels): RuleCase[] {
    const alert = "LogAgentDroppingEntries";
    const rule = { severity: "warning", service: "log-agent" };
    const dropped = (reason: string, values: string) => series("promtail_dropped_entries_total", { ...agent, host: "loki:3100", tenant: "", reason }, values);
    const pushes = (status: string, values: string) => series("promtail_request_duration_seconds_count", { ...agent, host: "loki:3100", status_code: status }, values);
    const fires = (reason: string) => [{ ...pick(agent, ["namespace", "pod"]), reason, ...rule }];
    const base = { alert, severity: "warning", evalTime: "15m" };
    return [
        { ...base, name: "fires for entries dropped after pushes failed with a server error", fires: true, series: [dropped("ingester_error", "0x5 25x10"), pushes("500", "0x5 6x10"), pushes("204", "0+3x15")], expected: fires("ingester_error") },
        { ...base, name: "fires for entries dropped after pushes failed to connect", fires: true, series: [dropped("ingester_error", "0x5 25x10"), pushes("-1", "0x5 6x10")], expected: fires("ingester_error") },
        { ...base, name: "fires for entries dropped while Loki rate-limits (429)", fires: true, series: [dropped("rate_limited", "0x5 25x10"), pushes("429", "0x5 6x10")], expected: fires("rate_limited") },
        { ...base, name: "fires for entries over the agent's stream limit", fires: true, series: [dropped("stream_limited", "0x5 3x10")], expected: fires("stream_limited") },
        { ...base, name: "stays silent for a batch Loki refused in part with a 400 (one too-old line: 25 counted, 24 kept)", fires: false, series: [dropped("ingester_error", "0x5 25x10"), pushes("400", "0x5 1x10"), pushes("204", "0+3x15")], expected: [] },
        { ...base, name: "stays silent while promtail_dropped_entries_total stands still", fires: false, series: [dropped("ingester_error", "25x15"), pushes("500", "6x15")], expected: [] },
    ];
}

function logCases(): RuleCase[] {
    const loki = target(STACK_JOBS.loki, "loki-0");
    const agent = target(STACK_JOBS.logAgent, "log-agent-x7k2p");
    const exporter = target(STACK_JOBS.eventExporter, "event-exporter-0");
    const requests = "loki_request_duration_seconds_count";
    const push = { ...loki, route: "loki_api_v1_push" };
    const audit = { ...agent, path: "/var/log/kubernetes/audit/audit.log" };
    const security = { severity: "warning", service: "security" };
    return [
        ...targetDownCases("LokiDown", loki, { severity: "critical", service: "loki" }, "10m"),
        ...ratioCases("LokiRequestErrors", [requests, { ...push, status_code: "500" }], [requests, { ...push, status_code: "204" }], ["namespace", "route"], { severity: "warning", service: "loki" }, 10, 1),
        ...counterCases("LokiDiscardingSamples", "loki_discarded_samples_total", loki, ["namespace", "reason"], { severity: "warning", service: "loki" }, "30m", { reason: "rate_limited" }),
        ...counterCases("LokiIngesterFlushFailures", "loki_ingester_chunks_flush_failures_total", loki, ["namespace", "pod"], { severity: "warning", service: "loki" }, "30m"),
        ...targetDownCases("LogAgentDown", agent, { severity: "warning", service: "log-agent" }, "15m"),
        ...droppedEntriesCases(agent),
        ...targetDownCases("EventExporterDown", exporter, { severity: "warning", service: "event-exporter" }, "15m"),
        ...counterCases("EventExporterSendErrors", "send_event_errors", exporter, ["namespace", "pod"], { severity: "warning", service: "event-exporter" }, "30m"),
        { name: "fires when nothing is read from the audit log directory", alert: "AuditLogShippingStopped", severity: "warning", fires: true, series: [series("promtail_read_bytes_total", audit, "4096+0x80")], evalTime: "75m", expected: [security] },
        { name: "fires when no audit log file is tailed at all", alert: "AuditLogShippingStopped", severity: "warning", fires: true, series: [], evalTime: "20m", expected: [{ job: agent.job, namespace: NS, ...security }] },
        { name: "stays silent while audit logs are read", alert: "AuditLogShippingStopped", severity: "warning", fires: false, series: [series("promtail_read_bytes_total", audit, "0+4096x80")], evalTime: "75m", expected: [] },
        { name: "ignores reads of files outside the audit directory", alert: "AuditLogShippingStopped", severity: "warning", fires: true, series: [series("promtail_read_bytes_total", { ...audit, path: "/var/log/pods/x/0.log" }, "0+4096x80")], evalTime: "75m", expected: [{ job: agent.job, namespace: NS, ...security }] },
    ];
}

function volumeCases(): RuleCase[] {
    const pvc = { namespace: NS, persistentvolumeclaim: "prometheus-db-prometheus-0" };
    const volume = (available: string, points: number): Series[] => [
        series("kubelet_volume_stats_available_bytes", pvc, available),
        series("kubelet_volume_stats_capacity_bytes", pvc, `100x${points}`),
    ];
    const alert = "StackVolumeFillingUp";
    const warning = { ...pvc, severity: "warning", service: "storage" };
    const critical = { ...pvc, severity: "critical", service: "storage" };
    return [
        // 20% free, losing 0.02% a minute: under 15% after ~4h and empty within 4 days.
        { name: "warns when under 15% free and trending to full", alert, severity: "warning", fires: true, series: volume("20-0.02x480", 480), evalTime: "8h", expected: [warning] },
        { name: "does not warn when under 15% free but stable", alert, severity: "warning", fires: false, series: volume("10x480", 480), evalTime: "8h", expected: [] },
        { name: "is critical under 3% free, whatever the trend", alert, severity: "critical", fires: true, series: volume("2x30", 30), evalTime: "20m", expected: [critical] },
        { name: "stays silent with half the volume free", alert, severity: "critical", fires: false, series: volume("50x30", 30), evalTime: "20m", expected: [] },
    ];
}

function appCases(): RuleCase[] {
    const checkout = { job: "checkout", namespace: "shop", pod: "checkout-1" };
    // Both monitors' relabeling sets job to the app's name (builders/app-monitors.ts).
    const catalog = { job: "catalog", namespace: "shop", pod: "catalog-1" };
    const checkoutRule = (severity: string) => ({ severity, service: "checkout", team: "payments" });
    const catalogRule = (severity: string) => ({ severity, service: "catalog" });
    const bucket = (le: string, values: string) => series("http_request_duration_seconds_bucket", { ...catalog, le }, values);
    const slow = [bucket("0.1", "0+10x40"), bucket("0.5", "0+50x40"), bucket("1", "0+100x40"), bucket("+Inf", "0+100x40")];
    const fast = ["0.1", "0.5", "1", "+Inf"].map((le) => bucket(le, "0+100x40"));
    const latency = "AppHighLatencyP95";
    return [
        // Both apps have an availability SLO, so AppHighErrorRatio is not among prod's rules:
        // sloCases() covers failed requests.
        { name: "fires when p95 latency (0.95s) exceeds catalog's 0.3s", alert: latency, severity: "warning", fires: true, series: slow, evalTime: "30m", expected: [{ namespace: "shop", ...catalogRule("warning") }] },
        { name: "stays silent when p95 latency is under 0.1s", alert: latency, severity: "warning", fires: false, series: fast, evalTime: "30m", expected: [] },
        // Both apps' targets are given, so only the scenario's own app can fire. The job is
        // matched exactly now, so absent() keeps it on the "gone" alert like namespace.
        ...targetDownCases("AppTargetDown", checkout, checkoutRule("critical"), "10m", [series("up", catalog, "1x30")]),
    ];
}

/**
 * The SLOs of Pulumi.prod.yaml: checkout's availability at 99.9% over 30d, catalog's at 99.5%
 * over 28d counting 429 as failed, and a latency SLO each. The burn-rate thresholds themselves
 * are tested in slo.test.ts; these cases show the alerts fire with the labels routing uses.
 */
function sloCases(): RuleCase[] {
    const checkout = { job: "checkout", namespace: "shop", pod: "checkout-1" };
    const catalog = { job: "catalog", namespace: "shop", pod: "catalog-1" };
    const slo = (app: string, name: string, severity: string) => ({
        namespace: "shop", app, slo: name, severity, service: app, ...(app === "checkout" ? { team: "payments" } : {}),
    });
    const requests = (t: Labels, code: string, perMinute: number, minutes: number) => series("http_requests_total", { ...t, code }, `0+${perMinute}x${minutes}`);
    const page = "AppSLOFastBurn";
    const ticket = "AppSLOSlowBurn";
    const absent = "AppSLOMetricsAbsent";
    const absentLabels = (app: string, name: string) => ({ namespace: "shop", job: app, severity: "warning", service: app, slo: name, ...(app === "checkout" ? { team: "payments" } : {}) });
    const present = [
        requests(checkout, "200", 100, 30),
        requests(catalog, "200", 100, 30),
        series("http_request_duration_seconds_bucket", { ...checkout, le: "0.5" }, "0+100x30"),
        series("http_request_duration_seconds_bucket", { ...catalog, le: "0.25" }, "0+100x30"),
    ];
    return [
        { name: "pages on a total outage of checkout", alert: page, severity: "critical", fires: true, series: [requests(checkout, "500", 1000, 60)], evalTime: "30m", expected: [slo("checkout", "availability", "critical")] },
        { name: "pages when catalog answers 429, which its errorStatus counts", alert: page, severity: "critical", fires: true, series: [requests(catalog, "429", 1000, 60)], evalTime: "30m", expected: [slo("catalog", "availability", "critical")] },
        { name: "stays silent while every request succeeds", alert: page, severity: "critical", fires: false, series: [requests(checkout, "200", 1000, 60)], evalTime: "30m", expected: [] },
        { name: "stays silent on a total outage at 2 requests a minute (low-traffic guard)", alert: page, severity: "critical", fires: false, series: [requests(checkout, "500", 2, 60)], evalTime: "30m", expected: [] },
        // 0.5% failed: 5x checkout's budget, above the 3d/6h ticket's 1x, below the 6h page's 6x.
        // Two hours do: the 6h and 3d windows then hold two hours, at the same ratio.
        { name: "opens a ticket when 0.5% of checkout's requests fail", alert: ticket, severity: "warning", fires: true, series: [requests(checkout, "500", 5, 120), requests(checkout, "200", 995, 120)], evalTime: "2h", expected: [slo("checkout", "availability", "warning")] },
        { name: "opens none at 0.05%, within the budget", alert: ticket, severity: "warning", fires: false, series: [requests(checkout, "500", 1, 120), requests(checkout, "200", 1999, 120)], evalTime: "2h", expected: [] },
        { name: "fires for every SLO when no series exist", alert: absent, severity: "warning", fires: true, series: [], evalTime: "20m", expected: [absentLabels("checkout", "availability"), absentLabels("checkout", "latency"), absentLabels("catalog", "availability"), absentLabels("catalog", "latency")] },
        { name: "stays silent while the request counters and threshold buckets exist", alert: absent, severity: "warning", fires: false, series: present, evalTime: "20m", expected: [] },
    ];
}

/**
 * AppHighErrorRatio, which only apps without an availability SLO keep: dev's checkout, at the
 * default threshold of 5%.
 */
export function errorRatioCases(): RuleCase[] {
    const checkout = { job: "checkout", namespace: "shop", pod: "checkout-1" };
    const req = "http_requests_total";
    return ratioCases("AppHighErrorRatio", [req, { ...checkout, code: "500" }], [req, { ...checkout, code: "200" }], ["namespace"], { severity: "critical", service: "checkout", team: "payments" }, 10, 4);
}

/** Every case, for the prod stack's rule file. */
export function ruleCases(): RuleCase[] {
    return [...prometheusCases(), ...alertmanagerCases(), ...logCases(), ...volumeCases(), ...appCases(), ...sloCases()];
}

/** The promtool unit-test file (`promtool test rules`) for the cases. */
export function promtoolTestFile(ruleFile: string, cases: RuleCase[]): Record<string, unknown> {
    return {
        rule_files: [ruleFile],
        evaluation_interval: "1m",
        tests: cases.map((c) => ({
            name: `${c.alert} (${c.severity}) ${c.name}`,
            interval: "1m",
            input_series: c.series,
            alert_rule_test: [{ eval_time: c.evalTime, alertname: c.alert, exp_alerts: c.expected.map((labels) => ({ exp_labels: labels })) }],
        })),
    };
}
