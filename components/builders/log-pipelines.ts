/**
 * What both log agents (Promtail and Grafana Alloy) do, as plain data: which pods they tail,
 * which stream labels they attach, which apps get a JSON pipeline and how audit logs are read.
 * promtail-config.ts and alloy-config.ts render this one model, so switching
 * `logAgent.kind` keeps every label and every pipeline.
 */
import type { AppConfig, StackConfig } from "../schema";

/** Stream labels on every container log line. Kept few: each label value multiplies streams. */
export const POD_LOG_LABELS = ["namespace", "pod", "container", "app", "node"] as const;

/** `job` label of the API server audit log streams. */
export const AUDIT_JOB = "kubernetes-audit";

/** `job` label of the event exporter's streams. */
export const EVENT_JOB = "kubernetes-event";

/** Where the kubelet writes container logs (CRI format): /var/log/pods/<ns>_<pod>_<uid>/<container>/N.log. */
export const POD_LOG_DIR = "/var/log/pods";

/**
 * JSON fields (JMESPath expressions) a `logFormat: json` app's lines are parsed for. `level` and
 * `service` become stream labels; `timestamp` replaces the time the agent read the line.
 */
export const JSON_FIELDS = { level: "level", service: "service", timestamp: "timestamp" } as const;

/** Extracted JSON fields that become labels: both have few values per app. */
export const JSON_LABELS = ["level", "service"] as const;

/** Go time layout name both agents accept for ISO-8601 timestamps with optional fractions. */
export const TIMESTAMP_FORMAT = "RFC3339Nano";

/** One Prometheus-style relabel rule, the form both agents' service discovery takes. */
export interface RelabelRule {
    sourceLabels?: string[];
    separator?: string;
    regex?: string;
    targetLabel?: string;
    replacement?: string;
    action: "replace" | "keep" | "drop";
}

/** The discovery meta label holding a pod label's value (non-alphanumerics become `_`). */
export function podLabelMeta(label: string): string {
    return `__meta_kubernetes_pod_label_${label.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/** RE2-escapes a literal (relabel regexes are anchored RE2). */
export function regexEscape(literal: string): string {
    return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Apps whose logs are JSON: they get a parsing pipeline. */
export function jsonApps(apps: StackConfig["apps"]): AppConfig[] {
    return apps.filter((a) => a.logFormat === "json");
}

/**
 * Sets `app` to the configured app name on pods in its namespace that carry every selector
 * label, so the JSON pipeline, the app's dashboard and its log queries all match the stream by
 * {namespace, app} exactly, whatever the pod's own labels are.
 */
export function appLabelRule(app: AppConfig): RelabelRule {
    const keys = Object.keys(app.selector).sort();
    return {
        sourceLabels: ["__meta_kubernetes_namespace", ...keys.map(podLabelMeta)],
        separator: ";",
        regex: [app.namespace, ...keys.map((k) => app.selector[k])].map(regexEscape).join(";"),
        targetLabel: "app",
        replacement: app.name,
        action: "replace",
    };
}

/** The LogQL stream selector a JSON pipeline matches: exactly one configured app. */
export function appStreamSelector(app: Pick<AppConfig, "name" | "namespace">): string {
    return `{namespace=${JSON.stringify(app.namespace)}, app=${JSON.stringify(app.name)}}`;
}

/** Relabelling of discovered pods into stream labels and the file path to tail. */
export function podRelabelRules(apps: StackConfig["apps"]): RelabelRule[] {
    return [
        // app: app.kubernetes.io/name, else the `app` label, else the pod name (chart convention).
        {
            sourceLabels: [podLabelMeta("app.kubernetes.io/name"), podLabelMeta("app"), "__meta_kubernetes_pod_name"],
            separator: ";",
            regex: "^;*([^;]+)(;.*)?$",
            targetLabel: "app",
            replacement: "$1",
            action: "replace",
        },
        // Every onboarded app, text or JSON: its dashboard selects logs by the configured name.
        ...apps.map(appLabelRule),
        { sourceLabels: ["__meta_kubernetes_namespace"], targetLabel: "namespace", action: "replace" },
        { sourceLabels: ["__meta_kubernetes_pod_name"], targetLabel: "pod", action: "replace" },
        { sourceLabels: ["__meta_kubernetes_pod_container_name"], targetLabel: "container", action: "replace" },
        { sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "node", action: "replace" },
        {
            sourceLabels: ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"],
            separator: "/",
            targetLabel: "__path__",
            replacement: `${POD_LOG_DIR}/*$1/*.log`,
            action: "replace",
        },
        // Static pods (the control plane) log under their config hash, not their mirror pod's uid.
        {
            sourceLabels: [
                "__meta_kubernetes_pod_annotationpresent_kubernetes_io_config_hash",
                "__meta_kubernetes_pod_annotation_kubernetes_io_config_hash",
                "__meta_kubernetes_pod_container_name",
            ],
            separator: "/",
            regex: "true/(.*)",
            targetLabel: "__path__",
            replacement: `${POD_LOG_DIR}/*$1/*.log`,
            action: "replace",
        },
    ];
}

/**
 * File names the API server gives rotated audit logs: its log writer (lumberjack, behind
 * --audit-log-maxsize) renames audit.log to audit-2006-01-02T15-04-05.000.log. Both agents key
 * read positions by path, so a renamed file would look new and be shipped a second time.
 */
export const ROTATED_AUDIT_LOG_GLOB = "*-????-??-??T??-??-??.???.log";

/**
 * Relabelling of discovered nodes for audit logs: only control-plane nodes (the kubeadm role
 * label) keep a target, whose path is the audit directory on that node, rotated files excluded
 * (`__path_exclude__`, a doublestar glob in both Promtail's file targets and local.file_match).
 */
export function auditRelabelRules(hostPath: string): RelabelRule[] {
    const dir = hostPath.replace(/\/+$/, "");
    return [
        {
            sourceLabels: ["__meta_kubernetes_node_labelpresent_node_role_kubernetes_io_control_plane"],
            regex: "true",
            action: "keep",
        },
        { sourceLabels: ["__meta_kubernetes_node_name"], targetLabel: "node", action: "replace" },
        { targetLabel: "job", replacement: AUDIT_JOB, action: "replace" },
        { targetLabel: "__path__", replacement: `${dir}/*.log`, action: "replace" },
        { targetLabel: "__path_exclude__", replacement: `${dir}/${ROTATED_AUDIT_LOG_GLOB}`, action: "replace" },
    ];
}

/** Audit events are JSON; their own stageTimestamp is when the API server finished the request. */
export const AUDIT_TIMESTAMP_FIELD = "stageTimestamp";
