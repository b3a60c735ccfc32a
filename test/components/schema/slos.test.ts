import * as assert from "assert";
import { ConfigError } from "../../../components/config";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

const app = (slos: unknown[], extra: ConfigTree = {}): ConfigTree => ({
    apps: [{ name: "checkout", namespace: "shop", selector: { app: "checkout" }, slos, ...extra }],
});
const availability = { name: "availability", objective: 99.9, sli: { kind: "availability" } };
const key = (i: number, field: string) => `apps.0.slos.${i}.${field}`;

describe("apps[].slos config", () => {
    it("fills window 30d, minRequests 1000 and errorStatus 5.. when unset", () => {
        const [slo] = stackConfig("prod", app([availability])).apps[0].slos;
        assert.deepStrictEqual(slo, { name: "availability", objective: 99.9, window: "30d", minRequests: 1000, sli: { kind: "availability", errorStatus: "5.." } });
    });

    it("takes 7d and 28d windows, a latency threshold among the buckets and a custom ratio", () => {
        const slos = stackConfig("prod", app([
            { ...availability, window: "7d" },
            { name: "latency", objective: 99, window: "28d", sli: { kind: "latency", thresholdSeconds: 0.25 } },
            { name: "jobs", objective: 99.5, sli: { kind: "ratio", errors: "sum(rate(jobs_failed_total[{{window}}]))", total: "sum(rate(jobs_total[{{window}}]))" } },
        ])).apps[0].slos;
        assert.deepStrictEqual(slos.map((s) => s.window), ["7d", "28d", "30d"]);
    });

    const cases: [string, unknown, string, RegExp][] = [
        ["an objective of 100", { ...availability, objective: 100 }, "objective", /between 0 and 100, both excluded, such as 99\.9/],
        ["an objective of 0", { ...availability, objective: 0 }, "objective", /between 0 and 100/],
        ["an objective no page can reach", { ...availability, objective: 90 }, "objective", /above 93\.056 for a 30d window/],
        ["an unknown SLI kind", { ...availability, sli: { kind: "errors" } }, "sli.kind", /availability, latency or ratio/],
        ["a window shorter than the alert windows", { ...availability, window: "3d" }, "window", /at least 7d/],
        ["a window of part hours", { ...availability, window: "7d30m" }, "window", /whole hours/],
        ["a negative minRequests", { ...availability, minRequests: -5 }, "minRequests", /or 0 for no low-traffic guard/],
        ["an error status that is no regex", { ...availability, sli: { kind: "availability", errorStatus: "5(" } }, "sli.errorStatus", /valid regex over the status label/],
        ["a custom ratio without the window", { ...availability, sli: { kind: "ratio", errors: "sum(rate(x[5m]))", total: "sum(rate(y[{{window}}]))" } }, "sli.errors", /with \{\{window\}\} as its range/],
        ["invalid custom PromQL", { ...availability, sli: { kind: "ratio", errors: "sum(rate(x[{{window}}]))", total: "sum(rate(y[{{window}}])" } }, "sli.total", /syntax error at character/],
    ];
    for (const [why, slo, field, expects] of cases) {
        it(`refuses ${why}, naming the key and the expected form`, () => {
            assert.match(configProblem(app([slo]), key(0, field), "prod"), expects);
        });
    }

    it("refuses a latency threshold that is not a bucket bound, listing the buckets", () => {
        const problem = configProblem(app([{ name: "latency", objective: 99, sli: { kind: "latency", thresholdSeconds: 0.3 } }], { metrics: { durationBuckets: [0.1, 0.25, 0.5] } }), key(0, "sli.thresholdSeconds"), "prod");
        assert.match(problem, /one of the histogram's bucket bounds \(metrics\.durationBuckets: 0\.1, 0\.25, 0\.5\)/);
    });

    it("refuses duplicate SLO names within an app", () => {
        assert.match(configProblem(app([availability, { ...availability, objective: 99 }]), key(1, "name"), "prod"), /unique within the app: "availability" is also slos\.0/);
    });

    it("refuses a window longer than Prometheus keeps data, naming the default when unset", () => {
        // dev keeps 7 days.
        assert.match(configProblem(app([availability]), key(0, "window"), "dev"), /no longer than prometheus\.retention \(7d\).*the window is 30d \(30d when unset\)/);
        assert.strictEqual(stackConfig("dev", app([{ ...availability, window: "7d" }])).apps[0].slos[0].window, "7d");
    });

    it("reports every SLO problem at once, beside problems elsewhere in the app", () => {
        try {
            stackConfig("prod", app([
                { ...availability, objective: 100 },
                { ...availability, name: "Bad Name", window: "1d" },
                { name: "latency", objective: 99, sli: { kind: "latency", thresholdSeconds: 0.3 } },
            ], { port: "Bad Port" }));
            assert.fail("accepted");
        } catch (error) {
            assert.ok(error instanceof ConfigError, String(error));
            const keys = error.problems.map((p) => p.slice(0, p.indexOf(": ")));
            for (const k of ["apps.0.port", key(0, "objective"), key(1, "name"), key(1, "window"), key(2, "sli.thresholdSeconds")]) {
                assert.ok(keys.includes(`observability:${k}`), `${k} missing from:\n${error.message}`);
            }
        }
    });
});
