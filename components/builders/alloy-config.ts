/**
 * Grafana Alloy configuration (config.alloy) equivalent to the Promtail config: the same pod
 * stream labels, JSON pipelines and audit-log job, rendered from the shared pipeline model.
 * Component reference: https://grafana.com/docs/alloy/latest/reference/components/
 */
import type { AppConfig, StackConfig } from "../schema";
import {
    appStreamSelector,
    AUDIT_TIMESTAMP_FIELD,
    auditRelabelRules,
    JSON_FIELDS,
    JSON_LABELS,
    jsonApps,
    podRelabelRules,
    RelabelRule,
    TIMESTAMP_FORMAT,
} from "./log-pipelines";

/** Inputs of the Alloy config. */
export interface AlloyConfigInput {
    /** Loki push endpoint. */
    pushUrl: string;
    /** Value of the `cluster` label on every stream. */
    cluster: string;
    apps: StackConfig["apps"];
    auditLogs: StackConfig["logAgent"]["auditLogs"];
}

/** An Alloy string literal (Go-style escapes, which JSON's are a subset of). */
export function str(value: string): string {
    return JSON.stringify(value);
}

/** An Alloy object literal with quoted keys: `{ "a" = "b" }`. */
function obj(entries: Record<string, string>): string {
    return `{ ${Object.entries(entries).map(([k, v]) => `${str(k)} = ${str(v)}`).join(", ")} }`;
}

/** A block: `name "label" { body }`, body lines indented. */
function block(name: string, label: string | undefined, body: string[]): string {
    const head = label === undefined ? name : `${name} ${str(label)}`;
    const inner = body.flatMap((line) => line.split("\n")).map((line) => (line === "" ? "" : `  ${line}`));
    return [`${head} {`, ...inner, "}"].join("\n");
}

function relabelRule(rule: RelabelRule): string {
    const attrs: string[] = [];
    if (rule.sourceLabels !== undefined) attrs.push(`source_labels = [${rule.sourceLabels.map(str).join(", ")}]`);
    if (rule.separator !== undefined) attrs.push(`separator = ${str(rule.separator)}`);
    if (rule.regex !== undefined) attrs.push(`regex = ${str(rule.regex)}`);
    if (rule.targetLabel !== undefined) attrs.push(`target_label = ${str(rule.targetLabel)}`);
    if (rule.replacement !== undefined) attrs.push(`replacement = ${str(rule.replacement)}`);
    attrs.push(`action = ${str(rule.action)}`);
    return block("rule", undefined, attrs);
}

/** Discovery limited to this node, via a field selector on the node name the chart puts in HOSTNAME. */
function discovery(label: string, role: "pod" | "node", field: string): string {
    return block("discovery.kubernetes", label, [
        `role = ${str(role)}`,
        block("selectors", undefined, [`role = ${str(role)}`, `field = ${str(`${field}=`)} + sys.env("HOSTNAME")`]),
    ]);
}

/** discovery.relabel -> local.file_match -> loki.source.file -> loki.process, for one source. */
function fileSource(label: string, rules: RelabelRule[], stages: string[]): string[] {
    return [
        block("discovery.relabel", label, [`targets = discovery.kubernetes.${label}.targets`, ...rules.map(relabelRule)]),
        block("local.file_match", label, [`path_targets = discovery.relabel.${label}.output`]),
        block("loki.source.file", label, [
            `targets = local.file_match.${label}.targets`,
            `forward_to = [loki.process.${label}.receiver]`,
        ]),
        block("loki.process", label, [
            ...stages,
            // The file name only repeats pod and container; dropping it keeps the label set small.
            block("stage.label_drop", undefined, [`values = ["filename"]`]),
            "forward_to = [loki.write.default.receiver]",
        ]),
    ];
}

function timestampStage(source: string): string {
    return block("stage.timestamp", undefined, [
        `source = ${str(source)}`,
        `format = ${str(TIMESTAMP_FORMAT)}`,
        `action_on_failure = "skip"`,
    ]);
}

/** The JSON pipeline of one app, applied only to that app's streams. */
export function alloyJsonStage(app: AppConfig): string {
    return block("stage.match", undefined, [
        `selector = ${str(appStreamSelector(app))}`,
        block("stage.json", undefined, [`expressions = ${obj({ ...JSON_FIELDS })}`]),
        block("stage.labels", undefined, [`values = ${obj(Object.fromEntries(JSON_LABELS.map((l) => [l, ""])))}`]),
        timestampStage("timestamp"),
    ]);
}

/** The whole config.alloy text. */
export function alloyConfig(input: AlloyConfigInput): string {
    const parts = [
        discovery("pods", "pod", "spec.nodeName"),
        ...fileSource("pods", podRelabelRules(input.apps), [block("stage.cri", undefined, []), ...jsonApps(input.apps).map(alloyJsonStage)]),
    ];
    if (input.auditLogs.enabled) {
        parts.push(
            discovery("audit", "node", "metadata.name"),
            ...fileSource("audit", auditRelabelRules(input.auditLogs.hostPath), [
                block("stage.json", undefined, [`expressions = ${obj({ stage_timestamp: AUDIT_TIMESTAMP_FIELD })}`]),
                timestampStage("stage_timestamp"),
            ]),
        );
    }
    parts.push(
        block("loki.write", "default", [
            block("endpoint", undefined, [`url = ${str(input.pushUrl)}`]),
            `external_labels = ${obj({ cluster: input.cluster })}`,
        ]),
    );
    return `${parts.join("\n\n")}\n`;
}
