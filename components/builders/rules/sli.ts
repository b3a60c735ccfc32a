/**
 * The rate of failed and of all requests an SLI counts, over a window, as PromQL. Each side is
 * one series without labels (`sum` with no `by`), so the two divide without label matching and
 * the recording rules set the app's labels themselves.
 */
import type { AppConfig } from "../../schema";
import type { SliConfig } from "../../schema/slos";
import { WINDOW_PLACEHOLDER } from "../../schema/slos";
import { appMatchers } from "./apps";
import { escapeRegex, re, sel } from "./queries";

export interface SliRates {
    /** Failed requests per second over `window`; 0, not nothing, while none failed. */
    errors(window: string): string;
    /** All requests per second over `window`; nothing while the app serves none. */
    total(window: string): string;
    /** A series that exists whenever the SLI can be computed, for the absent-metrics alert. */
    presence: string;
}

const sumRate = (selector: string, window: string) => `sum(rate(${selector}[${window}]))`;

/**
 * `le` values a bucket bound takes: Go clients write 1 as "1", Python as "1.0", and Prometheus
 * 3 normalises classic histograms' `le` to the float form on ingestion; both are matched.
 */
export function leRegex(bound: number): string {
    const forms = new Set([String(bound), Number.isInteger(bound) ? `${bound}.0` : String(bound)]);
    return [...forms].map(escapeRegex).join("|");
}

export function sliRates(app: AppConfig, sli: SliConfig): SliRates {
    const m = appMatchers(app);
    switch (sli.kind) {
        case "availability": {
            const requests = sel(app.metrics.requestsTotal, m);
            const failed = sel(app.metrics.requestsTotal, [...m, re(app.metrics.statusLabel, sli.errorStatus)]);
            // No series has the error status until a request fails: `or vector(0)` keeps the ratio at 0.
            return { errors: (w) => `(${sumRate(failed, w)} or vector(0))`, total: (w) => sumRate(requests, w), presence: requests };
        }
        case "latency": {
            const h = app.metrics.durationHistogram;
            const count = sel(`${h}_count`, m);
            const fast = sel(`${h}_bucket`, [...m, re("le", leRegex(sli.thresholdSeconds))]);
            return { errors: (w) => `(${sumRate(count, w)} - ${sumRate(fast, w)})`, total: (w) => sumRate(count, w), presence: fast };
        }
        case "ratio": {
            const at = (expr: string, w: string) => expr.split(WINDOW_PLACEHOLDER).join(w);
            return { errors: (w) => `(sum(${at(sli.errors, w)}) or vector(0))`, total: (w) => `sum(${at(sli.total, w)})`, presence: at(sli.total, "5m") };
        }
    }
}
