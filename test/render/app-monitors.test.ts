/**
 * Tier 3: the apps' monitors and PrometheusRules live in the stack namespace and select the
 * app's namespace (components/app-monitors.ts). What that relies on in the rendered
 * kube-prometheus-stack: the Prometheus selects them without a release label, honours their
 * namespaceSelector, and its ServiceAccount may discover targets in every namespace.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import { runProgram } from "../helpers/program";
import type { PolicyObject } from "../policies/harness";
import { programObjects } from "../policies/program-objects";
import { CHART_TYPE, helmVersion, renderChart } from "./helm";

const STACK_NAMESPACE = "monitoring";
const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";

/** The rendered kube-prometheus-stack objects of a stack, or why they could not be rendered. */
async function renderMetricsChart(stack: string): Promise<PolicyObject[] | string> {
    const own = programObjects((await runProgram(stack)).mocks.resources);
    const chart = own.find((o) => o.type === CHART_TYPE && o.props.chart === "kube-prometheus-stack");
    assert.ok(chart, "no kube-prometheus-stack Chart");
    const rendered = renderChart(chart);
    return "skipped" in rendered ? rendered.skipped : rendered.objects;
}

/** Whether the rules grant get, list and watch on every resource of `resources` in `group`. */
function grantsDiscovery(rules: Record<string, string[]>[], group: string, resources: string[]): boolean {
    return resources.every((resource) => rules.some((r) =>
        (r.apiGroups ?? []).includes(group) && (r.resources ?? []).includes(resource) && ["get", "list", "watch"].every((v) => r.verbs.includes(v))));
}

describe("app monitors in the stack namespace, against the rendered chart", function () {
    before(function () {
        if (helmVersion() === undefined) {
            console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
            this.skip();
        }
    });

    for (const stack of ["dev", "prod"]) {
        describe(`in the ${stack} stack`, () => {
            let objects: PolicyObject[];
            before(async function () {
                const r = await renderMetricsChart(stack);
                if (typeof r === "string") {
                    console.log(`    skipped: ${r}`);
                    this.skip();
                }
                objects = r as PolicyObject[];
            });
            const prometheus = () => {
                const found = objects.filter((o) => o.type === "kubernetes:monitoring.coreos.com/v1:Prometheus");
                assert.strictEqual(found.length, 1);
                return found[0].props;
            };

            it("has Prometheus select ServiceMonitors, PodMonitors and PrometheusRules of any label in any namespace", () => {
                const spec = prometheus().spec;
                for (const kind of ["serviceMonitor", "podMonitor", "rule"]) {
                    assert.deepStrictEqual(spec[`${kind}Selector`], {}, `${kind}Selector`);
                    assert.deepStrictEqual(spec[`${kind}NamespaceSelector`], {}, `${kind}NamespaceSelector`);
                }
            });

            it("honours the monitors' namespaceSelector and keeps the target's namespace label", () => {
                const spec = prometheus().spec;
                assert.notStrictEqual(spec.ignoreNamespaceSelectors, true);
                assert.strictEqual(spec.enforcedNamespaceLabel, undefined);
            });

            it("lets Prometheus' ServiceAccount discover services, endpoints and pods in every namespace", () => {
                const account = prometheus().spec.serviceAccountName;
                const bindings = objects.filter((o) => o.type === `${RBAC}:ClusterRoleBinding` && (o.props.subjects ?? []).some((s: Record<string, string>) =>
                    s.kind === "ServiceAccount" && s.name === account && s.namespace === STACK_NAMESPACE));
                const roles = bindings.map((b) => objects.find((o) => o.type === `${RBAC}:ClusterRole` && o.props.metadata.name === b.props.roleRef.name));
                const rules = roles.flatMap((r) => (r?.props.rules ?? []) as Record<string, string[]>[]);
                assert.ok(grantsDiscovery(rules, "", ["services", "endpoints", "pods"]), JSON.stringify(rules));
                assert.ok(grantsDiscovery(rules, "discovery.k8s.io", ["endpointslices"]), JSON.stringify(rules));
            });
        });
    }
});
