import * as assert from "assert";
import { RELEASES } from "../../components/builders/endpoints";
import { CHARTS } from "../../components/versions";
import { runProgram } from "../helpers/program";
import { HELM_TEMPLATE } from "../mocks";

const V4_CHART = "kubernetes:helm.sh/v4:Chart";
const V3_CHART = "kubernetes:helm.sh/v3:Chart";
const RENDER = { kubernetes: { renderYamlTo: "rendered/dev" }, mirrors: { charts: { kind: "local", path: "/srv/charts" } } };

describe("charts against a cluster", () => {
    it("installs every chart as a helm.v4.Chart, which asks the cluster for its version", async () => {
        const run = await runProgram("dev");
        assert.ok(run.mocks.ofType(V4_CHART).length >= 3);
        assert.deepStrictEqual(run.mocks.ofType(V3_CHART), []);
        assert.deepStrictEqual(run.mocks.calls.filter((c) => c.token === HELM_TEMPLATE), []);
    });
});

describe("charts when rendering to YAML", () => {
    const templates = async (overrides: Record<string, unknown>) =>
        (await runProgram("dev", overrides)).mocks.calls.filter((c) => c.token === HELM_TEMPLATE).map((c) => JSON.parse(c.inputs.jsonOpts));

    it("renders each chart for the default Kubernetes 1.34.0, not Helm's built-in v1.20", async () => {
        const run = await runProgram("dev", RENDER);
        const opts = run.mocks.calls.filter((c) => c.token === HELM_TEMPLATE).map((c) => JSON.parse(c.inputs.jsonOpts));
        assert.deepStrictEqual(run.mocks.ofType(V4_CHART), []);
        assert.ok(opts.length >= 3, `${opts.length} charts rendered`);
        assert.strictEqual(opts.length, run.mocks.ofType(V3_CHART).length);
        for (const t of opts) {
            assert.strictEqual(t.kube_version, "1.34.0");
            assert.strictEqual(t.namespace, "monitoring");
            assert.deepStrictEqual(t.api_versions, ["monitoring.coreos.com/v1", "policy/v1/PodDisruptionBudget"]);
        }
    });

    it("renders for the configured renderKubeVersion", async () => {
        const [t] = await templates({ ...RENDER, kubernetes: { renderYamlTo: "out", renderKubeVersion: "1.31.4" } });
        assert.strictEqual(t.kube_version, "1.31.4");
    });

    it("renders the local mirror's chart folder under the release name the cluster mode uses", async () => {
        const opts = await templates(RENDER);
        const kps = opts.find((o) => o.release_name === RELEASES.kubePrometheusStack);
        assert.ok(kps, JSON.stringify(opts.map((o) => o.release_name)));
        assert.strictEqual(kps.path, `/srv/charts/${CHARTS.kubePrometheusStack.name}`);
        assert.ok(kps.values !== undefined && Object.keys(kps.values).length > 0);
    });

    it("registers the rendered objects without Helm hooks, as helm.v4.Chart does", async () => {
        const run = await runProgram("dev", RENDER);
        const names = run.mocks.resources.filter((r) => r.parent.includes(V3_CHART)).map((r) => r.inputs.metadata?.name as string);
        assert.ok(names.includes(`${RELEASES.kubePrometheusStack}-rendered`), JSON.stringify(names));
        assert.deepStrictEqual(names.filter((n) => n.endsWith("-hook")), []);
    });

    it("ignores a KUBECONFIG in the environment, which the provider refuses beside renderYamlToDirectory", async () => {
        const saved = process.env.KUBECONFIG;
        process.env.KUBECONFIG = "/home/user/.kube/config";
        try {
            const run = await runProgram("dev", RENDER);
            const [provider] = run.mocks.ofType("pulumi:providers:kubernetes");
            assert.strictEqual(provider.inputs.kubeconfig, "");
            assert.strictEqual(provider.inputs.renderYamlToDirectory, "rendered/dev");
        } finally {
            if (saved === undefined) delete process.env.KUBECONFIG;
            else process.env.KUBECONFIG = saved;
        }
    });

    it("puts rendered objects that name no namespace in the stack namespace", async () => {
        const run = await runProgram("dev", RENDER);
        const [provider] = run.mocks.ofType("pulumi:providers:kubernetes");
        assert.strictEqual(provider.inputs.namespace, "monitoring");
    });
});
