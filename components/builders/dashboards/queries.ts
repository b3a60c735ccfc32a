/**
 * Shared query helpers: the datasource references Grafana provisions, PromQL and LogQL targets,
 * and label-matcher formatting. Dashboards build queries only through these.
 */
import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/common";
import * as loki from "@grafana/grafana-foundation-sdk/loki";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import { DATASOURCE_UIDS } from "../endpoints";

/** The Prometheus datasource as provisioned by the Grafana component (fixed uid). */
export const PROMETHEUS_DS: DataSourceRef = { type: "prometheus", uid: DATASOURCE_UIDS.prometheus };
/** The Loki datasource as provisioned by the Grafana component (fixed uid). */
export const LOKI_DS: DataSourceRef = { type: "loki", uid: DATASOURCE_UIDS.loki };

/**
 * Range for rate(): Grafana's `$__rate_interval` is at least four scrape intervals, so a
 * panel never shows gaps from a window that holds fewer than two samples.
 */
export const RATE_WINDOW = "$__rate_interval";
/** Range for LogQL count_over_time(): one graph step, so bars add up to the lines received. */
export const LOG_WINDOW = "$__interval";
/** Range for instant "over the dashboard's time range" queries. */
export const RANGE_WINDOW = "$__range";

/** A PromQL or LogQL double-quoted string literal (Go escaping: quotes and backslashes). */
export function quote(value: string): string {
    return JSON.stringify(value);
}

/** `{a="x", b=~"y"}` from equality matchers and regex matchers, in the order given. */
export function matchers(equal: Record<string, string>, regex: Record<string, string> = {}): string {
    const parts = [
        ...Object.entries(equal).map(([k, v]) => `${k}=${quote(v)}`),
        ...Object.entries(regex).map(([k, v]) => `${k}=~${quote(v)}`),
    ];
    return `{${parts.join(", ")}}`;
}

/** Options of a query target. */
export interface TargetOptions {
    /** Series name template such as `{{pod}}`; Grafana's default when unset. */
    legend?: string;
    /** Evaluate once at the end of the range (stat, bar gauge and table panels). */
    instant?: boolean;
}

/** A Prometheus target on the provisioned datasource. */
export function promQuery(refId: string, expr: string, opts: TargetOptions = {}): prometheus.DataqueryBuilder {
    const q = new prometheus.DataqueryBuilder().refId(refId).datasource(PROMETHEUS_DS).expr(expr);
    if (opts.legend !== undefined) {
        q.legendFormat(opts.legend);
    }
    return opts.instant === true ? q.instant() : q.range();
}

/** A Loki target on the provisioned datasource: a log query or a metric query over logs. */
export function lokiQuery(refId: string, expr: string, opts: TargetOptions = {}): loki.DataqueryBuilder {
    const q = new loki.DataqueryBuilder().refId(refId).datasource(LOKI_DS).expr(expr);
    if (opts.legend !== undefined) {
        q.legendFormat(opts.legend);
    }
    return opts.instant === true ? q.instant(true).range(false) : q;
}
