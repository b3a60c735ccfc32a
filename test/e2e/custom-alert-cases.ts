/**
 * Scenarios for the alerts Pulumi.prod.yaml defines itself (the README's worked example): each
 * fires on a series over its threshold and stays silent on one under it. Series are per minute.
 */

export interface CustomAlertCase {
    alert: string;
    fires: boolean;
    why: string;
    series: { series: string; values: string }[];
    evalTime: string;
    /** Labels of the expected alert when it fires (the rule's own plus the series'). */
    labels: Record<string, string>;
    /** Expanded annotations to compare, where the case checks them. */
    annotations?: Record<string, string>;
}

const SEALING = { severity: "critical", service: "sealing", team: "payments" };
const THREATS = { severity: "warning", service: "threat-detection", team: "security" };
const API = { severity: "critical", service: "checkout", team: "payments", namespace: "shop" };

export const CUSTOM_ALERT_CASES: CustomAlertCase[] = [
    {
        alert: "SealingJobsFailing", fires: true, why: "10 failed jobs in 10 minutes (threshold 5)",
        series: [{ series: 'sealing_jobs_failed_total{namespace="batch", job="sealer"}', values: "0+1x20" }],
        evalTime: "15m",
        labels: { ...SEALING, namespace: "batch", job: "sealer" },
        annotations: {
            summary: "Sealing jobs fail.",
            description: "10 sealing jobs failed in batch over 10 minutes.",
            runbook_url: "https://runbooks.example.com/sealing-jobs",
            dashboard: "https://grafana.prod.example.com/d/obs-stack-health",
        },
    },
    {
        alert: "SealingJobsFailing", fires: false, why: "4 failed jobs in 10 minutes",
        series: [{ series: 'sealing_jobs_failed_total{namespace="batch", job="sealer"}', values: "0+0.4x20" }],
        evalTime: "15m", labels: SEALING,
    },
    {
        alert: "ThreatDetectionRateHigh", fires: true, why: "120 threats/s for longer than 2 minutes (threshold 100/s)",
        series: [{ series: 'threats_detected_total{instance="ids-1"}', values: "0+7200x20" }],
        evalTime: "12m", labels: THREATS,
    },
    {
        alert: "ThreatDetectionRateHigh", fires: false, why: "80 threats/s",
        series: [{ series: 'threats_detected_total{instance="ids-1"}', values: "0+4800x20" }],
        evalTime: "12m", labels: THREATS,
    },
    {
        alert: "ApiDown", fires: true, why: "every checkout target down for 3 minutes (for: 1m)",
        series: [
            { series: 'up{namespace="shop", job="checkout", instance="a"}', values: "1 1 1 0 0 0 0 0" },
            { series: 'up{namespace="shop", job="checkout", instance="b"}', values: "1 1 1 0 0 0 0 0" },
        ],
        evalTime: "6m", labels: API,
    },
    {
        alert: "ApiDown", fires: false, why: "one of two targets down: the API still answers",
        series: [
            { series: 'up{namespace="shop", job="checkout", instance="a"}', values: "1 1 1 0 0 0 0 0" },
            { series: 'up{namespace="shop", job="checkout", instance="b"}', values: "1 1 1 1 1 1 1 1" },
        ],
        evalTime: "6m", labels: API,
    },
];

/** A promtool unit-test file over `ruleFile` with every case. */
export function customPromtoolTestFile(ruleFile: string, cases: CustomAlertCase[]): Record<string, unknown> {
    return {
        rule_files: [ruleFile],
        evaluation_interval: "1m",
        tests: cases.map((c) => ({
            name: `${c.alert}: ${c.fires ? "fires on" : "silent on"} ${c.why}`,
            interval: "1m",
            input_series: c.series,
            alert_rule_test: [{
                eval_time: c.evalTime,
                alertname: c.alert,
                exp_alerts: c.fires ? [{ exp_labels: c.labels, ...(c.annotations === undefined ? {} : { exp_annotations: c.annotations }) }] : [],
            }],
        })),
    };
}
