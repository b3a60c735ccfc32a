import * as assert from "assert";
import { parser } from "@grafana/lezer-logql";
import { appStreamSelector } from "../../components/builders/log-pipelines";
import * as logql from "../../components/builders/logql";
import { stackConfig } from "../helpers/config";

/** Error nodes lezer-logql finds in a query (empty: it parses). */
function syntaxErrors(query: string): string[] {
    const errors: string[] = [];
    parser.parse(query).iterate({
        enter: (node) => {
            if (node.type.isError) {
                errors.push(`at ${node.from}: "${query.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
            }
        },
    });
    return errors;
}

/** Every query the project ships from logql.ts, for every app of both stacks. */
function shippedQueries(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(logql)) {
        if (typeof value === "string") {
            out[name] = value;
        }
    }
    for (const stack of ["dev", "prod"]) {
        for (const app of stackConfig(stack).apps) {
            const id = `${stack}/${app.namespace}/${app.name}`;
            out[`appSelector ${id}`] = logql.appSelector(app);
            out[`appErrorLogs ${id}`] = logql.appErrorLogs(app);
            out[`appLogRateByLevel ${id}`] = logql.appLogRateByLevel(app, "5m");
            out[`pipeline selector ${id}`] = appStreamSelector(app);
        }
    }
    out.warningEventsByReason = logql.warningEventsByReason("5m");
    out.namespaceEvents = logql.namespaceEvents("kube-system");
    return out;
}

describe("LogQL shipped by the project", () => {
    it("has the parser reject a broken query (the check can fail)", () => {
        assert.notDeepStrictEqual(syntaxErrors('{job="x" | json'), []);
        assert.notDeepStrictEqual(syntaxErrors('sum by (reason) (count_over_time({job="x"}))'), []);
    });

    for (const [name, query] of Object.entries(shippedQueries())) {
        it(`parses ${name}`, () => {
            assert.deepStrictEqual(syntaxErrors(query), [], query);
        });
    }

    it("shows events as [type] reason: message (Kind/name) from the exporter's JSON fields", () => {
        assert.strictEqual(
            logql.EVENT_LINE_FORMAT,
            '{job="kubernetes-event"} | json | line_format "[{{.type}}] {{.reason}}: {{.message}} ({{.involvedObject_kind}}/{{.involvedObject_name}})"',
        );
    });

    it("filters an app's errors on the level label its JSON pipeline sets", () => {
        assert.strictEqual(logql.appErrorLogs({ name: "checkout", namespace: "shop" }), '{namespace="shop", app="checkout"} | level=~"(?i)(error|fatal|critical)"');
    });
});
