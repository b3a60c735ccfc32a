/**
 * Shared PromQL helpers: selectors with properly quoted values, and the few query shapes the
 * rules repeat (target down, ratio of two rates).
 */

/** A PromQL string literal; JSON's escaping of `"` and `\` is what PromQL's double quotes expect. */
export function str(value: string): string {
    return JSON.stringify(value);
}

/** `name="value"`. */
export function eq(name: string, value: string): string {
    return `${name}=${str(value)}`;
}

/** `name=~"regex"` (PromQL regexes are fully anchored). */
export function re(name: string, regex: string): string {
    return `${name}=~${str(regex)}`;
}

/** A regex that matches `text` literally. */
export function escapeRegex(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `metric{m1,m2}`. */
export function sel(metric: string, matchers: string[]): string {
    return `${metric}{${matchers.join(", ")}}`;
}

/**
 * Fires for every target that is down, and once when no target is left at all: `up == 0`
 * alone goes silent when service discovery loses the target (the Service or the monitor was
 * deleted), which is exactly when it matters.
 */
export function targetDown(matchers: string[]): string {
    return `${sel("up", matchers)} == 0 or absent(${sel("up", matchers)})`;
}

/** `sum by (by) (rate(num[window])) / sum by (by) (rate(den[window])) > threshold`. */
export function rateRatioAbove(num: string, den: string, by: string[], window: string, threshold: number): string {
    const sum = (s: string) => `sum by (${by.join(", ")}) (rate(${s}[${window}]))`;
    return `${sum(num)} / ${sum(den)} > ${threshold}`;
}

/** `sum by (by) (increase(counter[window])) > 0`: the counter moved at all. */
export function increased(counter: string, by: string[], window: string): string {
    return `sum by (${by.join(", ")}) (increase(${counter}[${window}])) > 0`;
}

/**
 * Alert-template text naming the pod, or "every target" when the alert came from the
 * `absent(...)` branch of targetDown, which carries no pod label.
 */
export const POD_OR_ALL = "{{ with $labels.pod }}pod {{ . }}{{ else }}every target{{ end }}";
