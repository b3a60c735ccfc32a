/**
 * PromQL checked at validation time with @prometheus-io/lezer-promql, the grammar of
 * Prometheus' own query editor: a custom SLI expression with a typo is refused by
 * `pulumi preview`, not by the Prometheus Operator's admission check at `pulumi up`, nor
 * silently by a rule that never evaluates.
 */
import { parser } from "@prometheus-io/lezer-promql";
import { lezerSyntaxError } from "./lezer-syntax";

/** Where the first syntax error of `expr` is, as a short excerpt; undefined when it parses. */
export function promqlSyntaxError(expr: string): string | undefined {
    return lezerSyntaxError(parser, expr);
}
