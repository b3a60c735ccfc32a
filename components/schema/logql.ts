/**
 * LogQL checked at validation time with @grafana/lezer-logql, the grammar of Grafana's Loki
 * query editor, as schema/promql.ts checks PromQL: a log alert with a typo is refused by
 * `pulumi preview`, not found later in the ruler's log as a rule group that never loads.
 */
import { parser } from "@grafana/lezer-logql";
import { lezerSyntaxError } from "./lezer-syntax";

/** Where the first syntax error of `expr` is, as a short excerpt; undefined when it parses. */
export function logqlSyntaxError(expr: string): string | undefined {
    return lezerSyntaxError(parser, expr);
}

/**
 * Where a LogQL alert expression goes wrong: a syntax error, or a log query where the ruler
 * needs a metric one (a number per series, such as count_over_time(...) > 5). Loki's ruler
 * evaluates only metric queries (https://grafana.com/docs/loki/latest/alert/).
 */
export function logqlAlertError(expr: string): string | undefined {
    const syntax = logqlSyntaxError(expr);
    if (syntax !== undefined) {
        return syntax;
    }
    const top = parser.parse(expr).topNode.firstChild?.firstChild;
    return top?.name === "MetricExpr" ? undefined : "a log query where a metric query is needed: count lines with count_over_time(...) or rate(...)";
}
