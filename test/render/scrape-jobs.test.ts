/**
 * Tier 3: the `job` labels the stack's rules and panels select (rules/targets.ts) are the jobs
 * the rendered ServiceMonitors give their targets, for long-term metrics and distributed Loki. A
 * rule over a job no monitor produces would never fire: `absent()` would, for the wrong reason.
 * The job of a target is what the Prometheus Operator makes it: the value of the monitor's
 * `jobLabel` on the Service, else the Service's name, then any relabeling that writes `job`.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import { LOKI_METRIC_COMPONENTS, lokiComponentJob, STACK_JOBS } from "../../components/builders/rules/targets";
import { LONG_TERM_AND_DISTRIBUTED } from "../helpers/object-storage";
import type { PolicyObject } from "../policies/harness";
import { helmVersion } from "./helm";
import { renderStack, StackRender } from "./stack";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

function selects(selector: Selector, labels: Record<string, string>): boolean {
    const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
    const byExpression = (selector.matchExpressions ?? []).every((e) =>
        e.operator === "In" ? (e.values ?? []).includes(labels[e.key])
            : e.operator === "NotIn" ? !(e.values ?? []).includes(labels[e.key])
                : e.operator === "Exists" ? e.key in labels : !(e.key in labels));
    return byLabel && byExpression;
}

/** Every job the rendered ServiceMonitors give the Services they select. */
function scrapedJobs(objects: PolicyObject[]): Set<string> {
    const services = objects.filter((o) => o.type === "kubernetes:core/v1:Service").map((o) => o.props as any);
    const jobs = new Set<string>();
    for (const monitor of objects.filter((o) => o.type.endsWith(":ServiceMonitor")).map((o) => o.props as any)) {
        for (const service of services.filter((s) => selects(monitor.spec.selector ?? {}, s.metadata.labels ?? {}))) {
            for (const endpoint of monitor.spec.endpoints ?? []) {
                const fromLabel = monitor.spec.jobLabel === undefined ? undefined : service.metadata.labels?.[monitor.spec.jobLabel];
                const written = (endpoint.relabelings ?? []).filter((r: any) => r.targetLabel === "job" && r.replacement !== undefined).pop();
                jobs.add(written?.replacement ?? fromLabel ?? service.metadata.name);
            }
        }
    }
    return jobs;
}

describe("scrape jobs the stack's rules select, against the rendered monitors", function () {
    let jobs: Set<string>;
    before(async function () {
        if (helmVersion() === undefined) {
            console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
            this.skip();
        }
        const r = await renderStack("prod", LONG_TERM_AND_DISTRIBUTED);
        if (typeof r === "string") {
            console.log(`    skipped: ${r}`);
            this.skip();
        }
        jobs = scrapedJobs((r as StackRender).objects);
    });

    it("scrapes the Thanos sidecars, Query, Store Gateway and Compactor as the jobs the Thanos rules select", () => {
        for (const job of [STACK_JOBS.thanosSidecar, STACK_JOBS.thanosQuery, STACK_JOBS.thanosStoreGateway, STACK_JOBS.thanosCompactor]) {
            assert.ok(jobs.has(job), `no monitor scrapes job ${job}; jobs: ${[...jobs].sort().join(", ")}`);
        }
    });

    it("scrapes each distributed Loki component as the job its rules select", () => {
        for (const component of LOKI_METRIC_COMPONENTS) {
            assert.ok(jobs.has(lokiComponentJob(component)), `no monitor scrapes ${lokiComponentJob(component)}; jobs: ${[...jobs].sort().join(", ")}`);
        }
        assert.ok(!jobs.has(STACK_JOBS.loki), "a target is still job loki, which the distributed rules do not select");
    });
});
