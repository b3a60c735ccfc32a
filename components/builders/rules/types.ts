/** PrometheusRule groups as plain data, in the shape of Prometheus' rule files. */

/** Routing keys off `severity`: critical pages on-call, everything else goes to the default receiver. */
export type Severity = "critical" | "warning" | "info";

export interface AlertRule {
    alert: string;
    expr: string;
    /** How long the expression must hold before the alert fires (Prometheus duration). */
    for: string;
    /** `severity` and `service` drive Alertmanager routing; `service` names the owning component. */
    labels: { severity: Severity; service: string } & Record<string, string>;
    annotations: { summary: string; description: string } & Record<string, string>;
}

export interface RuleGroup {
    name: string;
    rules: AlertRule[];
}

/** A recording rule: `expr` stored as the series `record`, with `labels` added. */
export interface RecordingRule {
    record: string;
    expr: string;
    labels: Record<string, string>;
}

/** A group of recording rules and the alerts evaluated on them, in order (SLO groups). */
export interface RecordingRuleGroup {
    name: string;
    rules: (RecordingRule | AlertRule)[];
}
