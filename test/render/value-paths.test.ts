/**
 * Tier 3: every value the program passes to a chart is one the chart reads.
 *   CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { distributedLoki, LONG_TERM_AND_DISTRIBUTED } from "../helpers/object-storage";
import { runProgram } from "../helpers/program";
import { CHART_TYPE } from "./helm";
import { ignoredValuePaths } from "./value-paths";

/** Config variants that switch on every chart the program can install. */
const VARIANTS: Record<string, Record<string, unknown>> = {
    "dev": {},
    "prod": {},
    "prod with Alloy and the Pushgateway": { logAgent: { kind: "alloy" }, pushgateway: { enabled: true, persistence: { enabled: true } } },
    "prod with long-term metrics and remote write": {
        objectStorage: { endpoint: "s3.storage.example.internal:9000", credentials: { name: "object-store-credentials" }, buckets: { metrics: "thanos-metrics" } },
        prometheus: {
            longTerm: { enabled: true },
            remoteWrite: [{ name: "mimir", url: "https://mimir.example.internal/api/v1/push", bearerToken: { name: "mimir", key: "token" }, tenantHeader: { name: "X-Scope-OrgID", value: "prod" } }],
        },
    },
    "dev with Loki distributed": distributedLoki(),
    "prod with Loki distributed": distributedLoki(),
    "prod with both on a store behind a private CA": {
        ...LONG_TERM_AND_DISTRIBUTED,
        objectStorage: { ...(LONG_TERM_AND_DISTRIBUTED.objectStorage as object), caBundle: { name: "object-store-ca", key: "ca.crt" } },
    },
};

describe("chart values", function () {
    const mirror = process.env.CHART_MIRROR;

    before(function () {
        if (mirror === undefined || mirror === "") {
            console.log("    skipped: value paths are checked against chart files; set CHART_MIRROR=<dir of unpacked charts>");
            this.skip();
        }
    });

    it("finds a key the chart does not read, so the check itself can fail", () => {
        const dir = path.join(mirror!, "kube-prometheus-stack");
        if (!fs.existsSync(dir)) {
            return;
        }
        assert.deepStrictEqual(
            ignoredValuePaths(dir, { prometheus: { prometheusSpec: { retension: "7d", retention: "7d" } }, grafana: { adminn: {} } }),
            ["prometheus.prometheusSpec.retension", "grafana.adminn"],
        );
    });

    for (const [variant, overrides] of Object.entries(VARIANTS)) {
        const stack = variant.startsWith("prod") ? "prod" : "dev";
        it(`sets only value paths the charts read (${variant})`, async function () {
            const run = await runProgram(stack, overrides);
            for (const chart of run.mocks.ofType(CHART_TYPE)) {
                const dir = path.join(mirror!, path.basename(chart.inputs.chart));
                if (!fs.existsSync(path.join(dir, "Chart.yaml"))) {
                    console.log(`    ${chart.inputs.chart}: not in CHART_MIRROR, not checked`);
                    continue;
                }
                assert.deepStrictEqual(ignoredValuePaths(dir, chart.inputs.values), [], `${chart.inputs.chart} ignores these values`);
            }
        });
    }
});
