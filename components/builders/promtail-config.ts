/**
 * Promtail's configuration file (promtail.yaml) from the shared log pipeline model: CRI parsing,
 * the pod stream labels, one JSON pipeline per `logFormat: json` app and, optionally, the API
 * server audit log of control-plane nodes.
 */
import * as YAML from "yaml";
import type { AppConfig, StackConfig } from "../schema";
import {
    appStreamSelector,
    AUDIT_JOB,
    AUDIT_TIMESTAMP_FIELD,
    auditRelabelRules,
    JSON_FIELDS,
    JSON_LABELS,
    jsonApps,
    podRelabelRules,
    RelabelRule,
    TIMESTAMP_FORMAT,
} from "./log-pipelines";

/** Port of Promtail's HTTP server (metrics, /ready), the chart's `http-metrics` port. */
export const PROMTAIL_PORT = 3101;

/** Positions file on the node (the chart's `run` hostPath), so restarts resume where they left off. */
export const PROMTAIL_POSITIONS = "/run/promtail/positions.yaml";

/** Inputs of the Promtail config. */
export interface PromtailConfigInput {
    /** Loki push endpoint. */
    pushUrl: string;
    /** Value of the `cluster` label on every stream. */
    cluster: string;
    apps: StackConfig["apps"];
    auditLogs: StackConfig["logAgent"]["auditLogs"];
}

/** A relabel rule in Prometheus/Promtail YAML spelling. */
function relabel(rule: RelabelRule): Record<string, unknown> {
    return {
        ...(rule.sourceLabels === undefined ? {} : { source_labels: rule.sourceLabels }),
        ...(rule.separator === undefined ? {} : { separator: rule.separator }),
        ...(rule.regex === undefined ? {} : { regex: rule.regex }),
        ...(rule.targetLabel === undefined ? {} : { target_label: rule.targetLabel }),
        ...(rule.replacement === undefined ? {} : { replacement: rule.replacement }),
        action: rule.action,
    };
}

/** `__host__` makes each DaemonSet pod keep only targets on its own node (Promtail compares it to HOSTNAME). */
function hostRule(source: string): Record<string, unknown> {
    return { source_labels: [source], target_label: "__host__", action: "replace" };
}

/** The JSON pipeline of one app, applied only to that app's streams. */
export function promtailJsonStage(app: AppConfig): Record<string, unknown> {
    return {
        match: {
            selector: appStreamSelector(app),
            stages: [
                { json: { expressions: { ...JSON_FIELDS } } },
                { labels: Object.fromEntries(JSON_LABELS.map((l) => [l, ""])) },
                { timestamp: { source: "timestamp", format: TIMESTAMP_FORMAT, action_on_failure: "skip" } },
            ],
        },
    };
}

function podsJob(apps: StackConfig["apps"]): Record<string, unknown> {
    return {
        job_name: "kubernetes-pods",
        kubernetes_sd_configs: [{ role: "pod" }],
        relabel_configs: [hostRule("__meta_kubernetes_pod_node_name"), ...podRelabelRules(apps).map(relabel)],
        pipeline_stages: [
            { cri: {} },
            ...jsonApps(apps).map(promtailJsonStage),
            // The file name only repeats pod and container; dropping it keeps the label set small.
            { labeldrop: ["filename"] },
        ],
    };
}

function auditJob(hostPath: string): Record<string, unknown> {
    return {
        job_name: AUDIT_JOB,
        kubernetes_sd_configs: [{ role: "node" }],
        relabel_configs: [hostRule("__meta_kubernetes_node_name"), ...auditRelabelRules(hostPath).map(relabel)],
        pipeline_stages: [
            { json: { expressions: { stage_timestamp: AUDIT_TIMESTAMP_FIELD } } },
            { timestamp: { source: "stage_timestamp", format: TIMESTAMP_FORMAT, action_on_failure: "skip" } },
            { labeldrop: ["filename"] },
        ],
    };
}

/** The Promtail config as data. */
export function promtailConfig(input: PromtailConfigInput): Record<string, unknown> {
    return {
        server: { log_level: "info", log_format: "logfmt", http_listen_port: PROMTAIL_PORT },
        clients: [{ url: input.pushUrl, external_labels: { cluster: input.cluster } }],
        positions: { filename: PROMTAIL_POSITIONS },
        scrape_configs: [podsJob(input.apps), ...(input.auditLogs.enabled ? [auditJob(input.auditLogs.hostPath)] : [])],
        tracing: { enabled: false },
    };
}

/**
 * The config as YAML text. The chart passes `config.file` through Helm's `tpl`, so the text
 * must not contain template delimiters; the pipelines use none.
 */
export function promtailConfigYaml(input: PromtailConfigInput): string {
    return YAML.stringify(promtailConfig(input), { lineWidth: 0 });
}
