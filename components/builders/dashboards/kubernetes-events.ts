/**
 * Kubernetes events, as the event exporter ships them to Loki: one JSON document per event
 * (the Event object with `type`, `reason`, `message`, `involvedObject.{kind,namespace,name}`),
 * on a stream labelled `job="kubernetes-event"` and `cluster=<cluster name>`. Loki's `json`
 * parser flattens nested keys with `_`, hence `involvedObject_kind`.
 */
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as common from "@grafana/grafana-foundation-sdk/common";
import { EVENT_JOB } from "../log-pipelines";
import type { DashboardSource } from "./model";
import { newDashboard } from "./base";
import { bars, graph, logLines, row } from "./panels";
import { LOG_WINDOW, RANGE_WINDOW, lokiQuery, matchers } from "./queries";

export const KUBERNETES_EVENTS_UID = "obs-kubernetes-events";

/** The event stream of this cluster. */
export function eventStream(clusterName: string): string {
    return matchers({ job: EVENT_JOB, cluster: clusterName });
}

/** Filters on parsed fields, driven by the dashboard's variables. */
const FILTERS = '| json | type=~"$type" | involvedObject_namespace=~"$namespace"';
const WARNINGS = '| json | type="Warning" | involvedObject_namespace=~"$namespace"';

/** `[type] reason: message (Kind/name)`, the line the logs panel shows per event. */
export const EVENT_LINE_FORMAT = "| line_format `[{{.type}}] {{.reason}}: {{.message}} ({{.involvedObject_kind}}/{{.involvedObject_name}})`";

function variables() {
    return [
        new dashboard.CustomVariableBuilder("type")
            .label("Event type")
            .values("Warning,Normal")
            .includeAll(true)
            .allValue(".+")
            .multi(true)
            .current({ text: "All", value: "$__all" }),
        new dashboard.TextBoxVariableBuilder("namespace")
            .label("Namespace (regex)")
            .description("Namespace of the involved object; empty for cluster-scoped objects such as Nodes.")
            .defaultValue(".*")
            .current({ text: ".*", value: ".*" }),
    ];
}

function panels(stream: string) {
    const count = (by: string, filters: string) => `sum by (${by}) (count_over_time(${stream} ${filters} [${LOG_WINDOW}]))`;
    return [
        graph("Warnings by reason", [lokiQuery("A", count("reason", WARNINGS), { legend: "{{reason}}" })], { unit: "short", description: "Warning events per graph step, by reason (BackOff, FailedScheduling, Unhealthy, ...)." })
            .drawStyle(common.GraphDrawStyle.Bars)
            .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
        graph("Warnings by namespace", [lokiQuery("A", count("involvedObject_namespace", WARNINGS), { legend: "{{involvedObject_namespace}}" })], { unit: "short" })
            .drawStyle(common.GraphDrawStyle.Bars)
            .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
        bars("Top warning reasons in range", [lokiQuery("A", `topk(10, sum by (reason, involvedObject_kind) (count_over_time(${stream} ${WARNINGS} [${RANGE_WINDOW}])))`, { legend: "{{involvedObject_kind}} {{reason}}", instant: true })], { unit: "short", width: 24 }),
        logLines("Events", lokiQuery("A", `${stream} ${FILTERS} ${EVENT_LINE_FORMAT}`), { height: 16, description: "Every event as [type] reason: message (Kind/name)." }),
    ];
}

/** The Kubernetes events dashboard for one cluster. */
export function kubernetesEventsDashboard(src: DashboardSource): dashboard.DashboardBuilder {
    const stream = eventStream(src.cluster.name);
    const d = newDashboard({
        uid: KUBERNETES_EVENTS_UID,
        title: `Kubernetes events (${src.cluster.name})`,
        tags: ["kubernetes", "events"],
        description: `Kubernetes events of cluster ${src.cluster.name}, shipped to Loki by the event exporter.`,
        range: "24h",
        refresh: "1m",
    });
    variables().forEach((v) => d.withVariable(v));
    d.withRow(row("Warnings"));
    panels(stream).forEach((p) => d.withPanel(p));
    return d;
}
