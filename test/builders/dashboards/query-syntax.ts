/**
 * Checks queries the way the field's own parsers read them: PromQL with
 * @prometheus-io/lezer-promql (Prometheus' UI grammar), LogQL with @grafana/lezer-logql
 * (Grafana's Loki editor grammar). Grafana variables are replaced with sample values first,
 * because `$__rate_interval` or `$namespace` are not PromQL or LogQL.
 */
import { parser as logqlParser } from "@grafana/lezer-logql";
import { parser as promqlParser } from "@prometheus-io/lezer-promql";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";

/** Grafana's built-in variables and a value each would take in a query. */
export const GRAFANA_GLOBALS: Record<string, string> = {
    __rate_interval: "1m",
    __interval: "30s",
    __range: "6h",
    __auto: "30s",
};

/** Sample values for query variables, whose options only Grafana knows at run time. */
const QUERY_SAMPLES: Record<string, string> = { namespace: "monitoring", app: "checkout" };

type Variable = { name: string; type: string; query?: unknown; options?: { value: string }[] };

/** A sample value for each of the dashboard's variables. */
export function sampleValues(model: Dashboard): Record<string, string> {
    const out: Record<string, string> = { ...GRAFANA_GLOBALS };
    for (const v of (model.templating?.list ?? []) as Variable[]) {
        if (v.type === "custom") {
            out[v.name] = String(v.query).split(",")[0].trim();
        } else if (v.type === "textbox") {
            out[v.name] = typeof v.query === "string" && v.query !== "" ? v.query : "timeout";
        } else {
            out[v.name] = QUERY_SAMPLES[v.name] ?? "sample";
        }
    }
    return out;
}

/** `$name`, `${name}` and `${name:format}` replaced; throws on a variable the dashboard lacks. */
export function substitute(expr: string, values: Record<string, string>): string {
    return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_m, braced: string | undefined, bare: string | undefined) => {
        const name = (braced ?? bare) as string;
        if (!(name in values)) {
            throw new Error(`query uses $${name}, which the dashboard does not define: ${expr}`);
        }
        return values[name];
    });
}

/** Where the parser found errors, each with the text around it; empty when the query parses. */
export function syntaxErrors(language: "promql" | "logql", expr: string): string[] {
    const parser = language === "promql" ? promqlParser : logqlParser;
    const errors: string[] = [];
    parser.parse(expr).iterate({
        enter: (node) => {
            if (node.type.isError) {
                errors.push(`at ${node.from}: ...${expr.slice(Math.max(0, node.from - 15), node.from + 15)}...`);
            }
        },
    });
    return errors;
}

/** One query target of a panel. */
export interface PanelTarget {
    panel: string;
    /** The panel's id, unique within the dashboard where titles may repeat. */
    panelId?: number;
    refId: string;
    datasource: { type?: string; uid?: string };
    expr: string;
}

type AnyPanel = { id?: number; title?: string; targets?: { refId?: string; datasource?: PanelTarget["datasource"]; expr?: string }[]; panels?: AnyPanel[] };

/** Every target of every panel, rows' nested panels included. */
export function targetsOf(model: Dashboard): PanelTarget[] {
    const walk = (panels: AnyPanel[]): PanelTarget[] =>
        panels.flatMap((p) => [
            ...(p.targets ?? []).map((t) => ({ panel: p.title ?? "", panelId: p.id, refId: t.refId ?? "", datasource: t.datasource ?? {}, expr: t.expr ?? "" })),
            ...walk(p.panels ?? []),
        ]);
    return walk((model.panels ?? []) as AnyPanel[]);
}

/** The parse errors of every target of a dashboard, after variable substitution. */
export function dashboardQueryErrors(model: Dashboard): string[] {
    const values = sampleValues(model);
    return targetsOf(model).flatMap((t) => {
        const language = t.datasource.type === "loki" ? "logql" : "promql";
        return syntaxErrors(language, substitute(t.expr, values)).map((e) => `${model.uid} / ${t.panel} / ${t.refId} (${language}) ${e}`);
    });
}

/** A panel by title; throws when absent so a renamed panel fails loudly. */
export function panelNamed(model: Dashboard, title: string): AnyPanel & { type: string; [k: string]: any } {
    const found = (model.panels ?? []).find((p) => (p as AnyPanel).title === title);
    if (found === undefined) {
        throw new Error(`no panel "${title}" in ${model.uid}; panels: ${(model.panels ?? []).map((p) => (p as AnyPanel).title).join(", ")}`);
    }
    return found as any;
}

/** The expressions of a panel's targets, in order. */
export function exprsOf(model: Dashboard, title: string): string[] {
    return (panelNamed(model, title).targets ?? []).map((t) => t.expr ?? "");
}
