import * as assert from "assert";
import { parser } from "@prometheus-io/lezer-promql";
import { ruleFile } from "../../../components/builders/rules/stack";
import { stackConfig } from "../../helpers/config";
import { LONG_TERM_AND_DISTRIBUTED } from "../../helpers/object-storage";

/** Names of the error nodes in the lezer-promql parse tree of `expr`, with their positions. */
function syntaxErrors(expr: string): string[] {
    const errors: string[] = [];
    parser.parse(expr).iterate({
        enter: (node) => {
            if (node.type.isError) {
                errors.push(`at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
            }
        },
    });
    return errors;
}

const VARIANTS: Record<string, Parameters<typeof stackConfig>> = {
    "dev": ["dev"],
    "prod": ["prod"],
    "prod with long-term metrics and distributed Loki": ["prod", LONG_TERM_AND_DISTRIBUTED],
    "prod with Alloy and an audit path with regex characters": [
        "prod",
        { logAgent: { kind: "alloy", auditLogs: { enabled: true, hostPath: "/var/log/k8s.audit+(x)/" } } },
    ],
    "dev with a colon in a metric name and a status label named status": [
        "dev",
        { apps: [{ name: "api-v2", namespace: "shop", selector: { app: "api" }, metrics: { requestsTotal: "api:requests_total", durationHistogram: "api_latency_seconds", statusLabel: "status" } }] },
    ],
};

describe("PromQL of every alert rule", () => {
    it("fails on a malformed expression, so the check below is meaningful", () => {
        assert.notDeepStrictEqual(syntaxErrors('sum by (job (rate(up{job="x"}[5m]))'), []);
    });

    for (const [variant, args] of Object.entries(VARIANTS)) {
        it(`parses without syntax errors in ${variant}`, () => {
            const rules = ruleFile(stackConfig(...args)).groups.flatMap((g) => g.rules);
            assert.ok(rules.length > 10);
            for (const rule of rules) {
                assert.deepStrictEqual(syntaxErrors(rule.expr), [], `${"alert" in rule ? rule.alert : rule.record}: ${rule.expr}`);
            }
        });
    }
});
