/**
 * LogQL queries the project ships (dashboards, Explore links, README examples), built from the
 * same labels the agents and the event exporter write. Every one is parsed by
 * @grafana/lezer-logql in the tests.
 */
import type { AppConfig } from "../schema";
import { appStreamSelector, AUDIT_JOB, EVENT_JOB } from "./log-pipelines";

const EVENTS = `{job="${EVENT_JOB}"}`;

/** `line_format` of the event view: `[Warning] BackOff: Back-off restarting ... (Pod/api-7d9)`. */
const EVENT_VIEW = 'line_format "[{{.type}}] {{.reason}}: {{.message}} ({{.involvedObject_kind}}/{{.involvedObject_name}})"';

/** Every event in the `[type] reason: message (object)` view. */
export const EVENT_LINE_FORMAT = `${EVENTS} | json | ${EVENT_VIEW}`;

/** Warning events only, in the same view. */
export const WARNING_EVENTS = `${EVENTS} | json | type="Warning" | ${EVENT_VIEW}`;

/** Warning events per reason over `range` (e.g. 5m), for a time series or table panel. */
export function warningEventsByReason(range: string): string {
    return `sum by (reason) (count_over_time(${EVENTS} | json | type="Warning" [${range}]))`;
}

/** Events about objects in one namespace (the namespace is a JSON field, not a stream label). */
export function namespaceEvents(namespace: string): string {
    return `${EVENTS} | json | involvedObject_namespace=${JSON.stringify(namespace)} | ${EVENT_VIEW}`;
}

/** The log stream selector of one configured app (the agents set `app` to its name). */
export function appSelector(app: Pick<AppConfig, "name" | "namespace">): string {
    return appStreamSelector(app);
}

/** Error and fatal lines of a JSON-logging app, by its extracted `level` label (any case). */
export function appErrorLogs(app: Pick<AppConfig, "name" | "namespace">): string {
    return `${appSelector(app)} | level=~"(?i)(error|fatal|critical)"`;
}

/** Lines per second of an app by level over `range`. */
export function appLogRateByLevel(app: Pick<AppConfig, "name" | "namespace">, range: string): string {
    return `sum by (level) (rate(${appSelector(app)}[${range}]))`;
}

/** API requests the API server refused (audit log, HTTP status >= 400). */
export const AUDIT_FAILED_REQUESTS = `{job="${AUDIT_JOB}"} | json | responseStatus_code >= 400 | line_format "{{.responseStatus_code}} {{.verb}} {{.objectRef_resource}}/{{.objectRef_name}} by {{.user_username}}"`;

/** Changes (create, update, patch, delete) to Secrets, from the audit log. */
export const AUDIT_SECRET_CHANGES = `{job="${AUDIT_JOB}"} | json | objectRef_resource="secrets" | verb=~"create|update|patch|delete"`;
