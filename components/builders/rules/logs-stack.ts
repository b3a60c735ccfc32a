/**
 * Loki, the log agent (Promtail or Alloy), the event exporter and the audit-log pipeline
 * watching themselves. Metric names: Loki's loki_request_duration_seconds and
 * loki_discarded_samples_total; Promtail's promtail_dropped_entries_total,
 * promtail_request_duration_seconds and promtail_read_bytes_total, whose Alloy equivalents
 * (loki.write, loki.source.file) are loki_write_dropped_entries_total,
 * loki_write_request_duration_seconds and loki_source_file_read_bytes_total;
 * kubernetes-event-exporter's send_event_errors (a counter without the _total suffix).
 * Loki's targets depend on loki.mode (loki-targets.ts).
 */
import type { StackConfig } from "../../schema";
import { lokiTargets } from "./loki-targets";
import { eq, escapeRegex, increased, POD_OR_ALL, rateRatioAbove, re, sel, targetDown } from "./queries";
import { SERVICES, STACK_JOBS } from "./targets";
import type { RuleGroup } from "./types";
import { droppedEntriesDescription, droppedEntriesExpr } from "./log-agent-drops";

/** Metric names that differ between the two log agents. */
export const LOG_AGENT_METRICS = {
    promtail: { dropped: "promtail_dropped_entries_total", readBytes: "promtail_read_bytes_total", requests: "promtail_request_duration_seconds_count" },
    alloy: { dropped: "loki_write_dropped_entries_total", readBytes: "loki_source_file_read_bytes_total", requests: "loki_write_request_duration_seconds_count" },
} as const;

export function lokiRules(config: StackConfig): RuleGroup {
    const targets = lokiTargets(config.namespace, config.loki.mode);
    const m = targets.all;
    const service = SERVICES.loki;
    const requests = "loki_request_duration_seconds_count";
    const which = config.loki.mode === "distributed" ? "{{ $labels.job }} " : "";
    return {
        name: "observability-stack.loki",
        rules: [
            {
                alert: "LokiDown",
                expr: targets.down,
                for: "5m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "Loki is down.",
                    description: `Loki ${which}in {{ $labels.namespace }} has not been scraped successfully for 5 minutes; log agents are buffering and will drop logs once their retries run out.`,
                },
            },
            {
                alert: "LokiRequestErrors",
                expr: rateRatioAbove(sel(requests, [...m, re("status_code", "5..")]), sel(requests, m), ["namespace", "route"], "5m", 0.05),
                for: "15m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: "Loki answers requests with server errors.",
                    description: "{{ $value | humanizePercentage }} of requests to Loki route {{ $labels.route }} fail with 5xx.",
                },
            },
            {
                alert: "LokiDiscardingSamples",
                expr: increased(sel("loki_discarded_samples_total", m), ["namespace", "reason"], "15m"),
                for: "15m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: "Loki rejects log lines.",
                    description: "Loki discarded {{ $value | humanize }} lines in 15 minutes ({{ $labels.reason }}); raise observability:loki.ingestion limits or fix the sender.",
                },
            },
            {
                // loki_ingester_chunks_flush_failures_total (Loki 3.1+, grafana/loki#12925): a
                // chunk that fails to flush stays in the ingester's memory and WAL and is retried,
                // so only failures that last are worth a ticket; the ingester runs out of memory next.
                alert: "LokiIngesterFlushFailures",
                expr: increased(sel("loki_ingester_chunks_flush_failures_total", targets.ingesters), ["namespace", "pod"], "15m"),
                for: "15m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: "A Loki ingester fails to flush chunks to storage.",
                    description: "{{ $labels.pod }} failed {{ $value | humanize }} chunk flushes in 15 minutes; unflushed chunks pile up in its memory. Check the chunk store (volume or object store) and the ingester's log.",
                },
            },
        ],
    };
}

export function logAgentRules(config: StackConfig): RuleGroup {
    const m = [eq("job", STACK_JOBS.logAgent), eq("namespace", config.namespace)];
    const service = SERVICES.logAgent;
    const kind = config.logAgent.kind;
    return {
        name: "observability-stack.log-agent",
        rules: [
            {
                alert: "LogAgentDown",
                expr: targetDown(m),
                for: "10m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: `The log agent (${kind}) is down.`,
                    description: `${kind}: ${POD_OR_ALL} has not been scraped successfully for 10 minutes; logs of its node are not shipped and are lost once the container runtime rotates them.`,
                },
            },
            {
                alert: "LogAgentDroppingEntries",
                // Lost entries are gone: no `for`. Which drops are losses: log-agent-drops.ts.
                expr: droppedEntriesExpr(LOG_AGENT_METRICS[kind].dropped, LOG_AGENT_METRICS[kind].requests, m),
                for: "0s",
                labels: { severity: "warning", service },
                annotations: {
                    summary: `The log agent (${kind}) drops log entries.`,
                    description: droppedEntriesDescription(kind),
                },
            },
        ],
    };
}

export function eventExporterRules(namespace: string): RuleGroup {
    const m = [eq("job", STACK_JOBS.eventExporter), eq("namespace", namespace)];
    const service = SERVICES.eventExporter;
    return {
        name: "observability-stack.event-exporter",
        rules: [
            {
                alert: "EventExporterDown",
                expr: targetDown(m),
                for: "10m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: "The Kubernetes event exporter is down.",
                    description: "The event exporter in {{ $labels.namespace }} has not been scraped successfully for 10 minutes; Kubernetes events expire after an hour and are lost.",
                },
            },
            {
                alert: "EventExporterSendErrors",
                expr: increased(sel("send_event_errors", m), ["namespace", "pod"], "15m"),
                for: "15m",
                labels: { severity: "warning", service },
                annotations: {
                    summary: "The event exporter fails to ship events to Loki.",
                    description: "{{ $value | humanize }} events failed to reach Loki in 15 minutes.",
                },
            },
        ],
    };
}

/**
 * A gap in the audit trail is a security finding: the API server keeps writing, so a log
 * agent that reads nothing from the audit directory for 30 minutes has lost track of it.
 */
export function auditLogRules(config: StackConfig): RuleGroup {
    const kind = config.logAgent.kind;
    const files = sel(LOG_AGENT_METRICS[kind].readBytes, [
        eq("job", STACK_JOBS.logAgent),
        eq("namespace", config.namespace),
        re("path", `${escapeRegex(config.logAgent.auditLogs.hostPath.replace(/\/+$/, ""))}/.*`),
    ]);
    return {
        name: "observability-stack.audit-logs",
        rules: [
            {
                alert: "AuditLogShippingStopped",
                expr: `sum(rate(${files}[30m])) == 0 or absent(${files})`,
                for: "15m",
                labels: { severity: "warning", service: SERVICES.security },
                annotations: {
                    summary: "Kubernetes audit logs are not being shipped.",
                    description: `No bytes were read from ${config.logAgent.auditLogs.hostPath} for 30 minutes; the audit trail in Loki has a gap. Check the log agent on the control-plane nodes and the API server's audit policy.`,
                },
            },
        ],
    };
}
