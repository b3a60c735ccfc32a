/**
 * When the log agent's drop counter means lost logs. Promtail 3.5 (and Alloy's loki.write, which
 * carries the same client) labels every drop with a `reason` (grafana/loki
 * clients/pkg/promtail/client/client.go, sendBatch):
 * - `rate_limited`: Loki answered 429 until the retries ran out;
 * - `ingester_error`: a push failed with a 5xx or a connection error until the retries ran out,
 *   or Loki answered any other 4xx, after which the batch is dropped at once, without a retry,
 *   and counted whole. Loki answers 400 to a push in which it refused some lines (one line older
 *   than `reject_old_samples_max_age`) while it stored the rest: a real run counted 25 entries
 *   dropped and none sent while Loki kept 24;
 * - `stream_limited`, `line_too_long`: the agent's own batch limits.
 * So an `ingester_error` drop is only a loss the agent knows of when its pushes failed with a
 * 5xx or a connection error (status_code "-1") in the same window; a 400 alone is Loki refusing
 * lines, which LokiDiscardingSamples reports with Loki's own count and reason.
 */
import { eq, re, sel } from "./queries";

/** The window both halves of the expression look back over. */
export const DROP_WINDOW = "15m";

/** The drop reason that mixes lost batches with batches Loki refused in part. */
export const AMBIGUOUS_REASON = "ingester_error";

/**
 * Entries dropped per namespace, pod and reason: every reason but the ambiguous one, and the
 * ambiguous one only from pods whose pushes failed with a 5xx or a connection error.
 */
export function droppedEntriesExpr(dropped: string, requests: string, matchers: string[]): string {
    const by = "namespace, pod, reason";
    const drops = (reason: string) => `sum by (${by}) (increase(${sel(dropped, [...matchers, reason])}[${DROP_WINDOW}])) > 0`;
    const failedPushes = `sum by (namespace, pod) (increase(${sel(requests, [...matchers, re("status_code", "5..|-1")])}[${DROP_WINDOW}])) > 0`;
    return `${drops(`reason!="${AMBIGUOUS_REASON}"`)}\nor\n(${drops(eq("reason", AMBIGUOUS_REASON))} and on (namespace, pod) ${failedPushes})`;
}

/** The alert's description: what the reason means, in an alert template. */
export function droppedEntriesDescription(kind: string): string {
    const why = [
        `{{ if eq $labels.reason "rate_limited" }}Loki answered 429 (rate limited) until the retries ran out; raise observability:loki.ingestion limits.`,
        `{{ else if eq $labels.reason "${AMBIGUOUS_REASON}" }}its pushes failed with server or connection errors until the retries ran out; the count can include batches Loki refused in part with a 400 in the same window, which are counted whole.`,
        `{{ else if eq $labels.reason "stream_limited" }}a batch held more streams than the agent's limit.`,
        `{{ else if eq $labels.reason "line_too_long" }}lines were longer than the agent's line size limit.`,
        `{{ else }}reason {{ $labels.reason }}.{{ end }}`,
    ].join("");
    return `${kind} pod {{ $labels.pod }} dropped {{ $value | humanize }} entries in ${DROP_WINDOW} (reason {{ $labels.reason }}): ${why}`;
}
