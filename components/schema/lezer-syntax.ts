/**
 * The first syntax error in a query, as the Lezer grammars of Prometheus' and Grafana's query
 * editors report it (schema/promql.ts, schema/logql.ts): both parse into Lezer trees that mark
 * what they cannot read with error nodes.
 */

/** What both grammars' parsers offer: a tree whose nodes say whether they are errors. */
export interface LezerParser {
    parse(input: string): {
        iterate(spec: { enter: (node: { type: { isError: boolean }; from: number; to: number }) => boolean }): void;
    };
}

/** Where the first syntax error of `expr` is, as a short excerpt; undefined when it parses. */
export function lezerSyntaxError(parser: LezerParser, expr: string): string | undefined {
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
