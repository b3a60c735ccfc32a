/**
 * kubernetes-event-exporter's config.yaml (resmoio/kubernetes-event-exporter v1.7): every event
 * routed to one Loki receiver, leader election on, object lookups off.
 * Reference: the project's README and pkg/exporter/config.go, pkg/sinks/loki.go.
 */
import * as YAML from "yaml";
import { EVENT_JOB } from "./log-pipelines";

/** `app.kubernetes.io/name` of the exporter's objects. */
export const EVENT_EXPORTER_APP = "kubernetes-event-exporter";

/** Port of the exporter's HTTP server (-metrics-address): /metrics, /-/healthy, /-/ready. */
export const EVENT_EXPORTER_PORT = 2112;

/** Name of the coordination.k8s.io Lease the replicas elect a leader with. */
export const EVENT_EXPORTER_LEASE = "kubernetes-event-exporter";

/** Where the Deployment mounts the config. */
export const EVENT_EXPORTER_CONFIG_PATH = "/data/config.yaml";

/**
 * The JSON body of each event line: the Event's own field names, nested like the Event, so
 * Loki's `| json` yields `type`, `reason`, `message`, `involvedObject_kind`, ... and a
 * `line_format` prints `[type] reason: message (Kind/name)` (EVENT_LINE_FORMAT in logql.ts, the
 * events dashboard). Values are Go templates over the event (kube.EnhancedEvent), rendered by
 * the exporter, not by Helm or Pulumi.
 */
export const EVENT_LAYOUT = {
    type: "{{ .Type }}",
    reason: "{{ .Reason }}",
    message: "{{ .Message }}",
    count: "{{ .Count }}",
    firstTimestamp: "{{ .FirstTimestamp }}",
    lastTimestamp: "{{ .LastTimestamp }}",
    source: { component: "{{ .Source.Component }}", host: "{{ .Source.Host }}" },
    involvedObject: {
        kind: "{{ .InvolvedObject.Kind }}",
        namespace: "{{ .InvolvedObject.Namespace }}",
        name: "{{ .InvolvedObject.Name }}",
    },
};

/** Inputs of the exporter config. */
export interface EventExporterConfigInput {
    /** Loki push endpoint. */
    pushUrl: string;
    /** Cluster name: the `cluster` stream label and the exporter's clusterName. */
    cluster: string;
}

/** The exporter config as data. */
export function eventExporterConfig(input: EventExporterConfigInput): Record<string, unknown> {
    return {
        logLevel: "info",
        logFormat: "json",
        clusterName: input.cluster,
        // Events older than this at startup are skipped, so a restart does not resend history.
        maxEventAgeSeconds: 60,
        // Only the events themselves are needed: the lookup of each involved object's labels
        // would need read access to every resource type in the cluster.
        omitLookup: true,
        leaderElection: { enabled: true, leaderElectionID: EVENT_EXPORTER_LEASE },
        route: { routes: [{ match: [{ receiver: "loki" }] }] },
        receivers: [
            {
                name: "loki",
                loki: {
                    url: input.pushUrl,
                    // Static stream labels only: per-event labels (reason, namespace) would create
                    // a stream per value; they are JSON fields, filtered with `| json`.
                    streamLabels: { job: EVENT_JOB, cluster: input.cluster },
                    layout: EVENT_LAYOUT,
                },
            },
        ],
    };
}

/** The exporter config as the YAML text of its ConfigMap. */
export function eventExporterConfigYaml(input: EventExporterConfigInput): string {
    return YAML.stringify(eventExporterConfig(input), { lineWidth: 0 });
}
