/**
 * PromQL checked at validation time with @prometheus-io/lezer-promql, the grammar of
 * Prometheus' own query editor: a custom SLI expression with a typo is refused by
 * `pulumi preview`, not by the Prometheus Operator's admission check at `pulumi up`, nor
 * silently by a rule that never evaluates.
 */
import { parser } from "@prometheus-io/lezer-promql";

/** Where the first syntax error of `expr` is, as a short excerpt; undefined when it parses. */
export function promqlSyntaxError(expr: string): string | undefined {
    let error: string | undefined;
    parser.parse(expr).iterate({
        enter: (node) => {
            if (error === undefined && node.type.isError) {
                const near = expr.slice(Math.max(0, node.from - 12), node.to + 12);
                error = `a syntax error at character ${node.from + 1}, near "${near}"`;
            }
            return error === undefined;
        },
    });
    return error;
}
