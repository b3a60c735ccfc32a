import * as assert from "assert";
import { RELEASES } from "../../components/builders/endpoints";
import { CHARTS } from "../../components/versions";
import { runProgram } from "../helpers/program";
import { valueOf } from "../helpers/outputs";
import { HELM_TEMPLATE } from "../mocks";

const V4_CHART = "kubernetes:helm.sh/v4:Chart";
const CONFIG_GROUP = "kubernetes:yaml/v2:ConfigGroup";
const RENDER = { kubernetes: { renderYamlTo: "rendered/dev" }, mirrors: { charts: { kind: "local", path: "/srv/charts" } } };

describe("charts against a cluster", () => {
    it("installs every chart as a helm.v4.Chart, which asks the cluster for its version", async () => {
        const run = await runProgram("dev");
        assert.ok(run.mocks.ofType(V4_CHART).length >= 3);
        assert.deepStrictEqual(run.mocks.ofType(CONFIG_GROUP), []);
        assert.deepStrictEqual(run.mocks.calls.filter((c) => c.token === HELM_TEMPLATE), []);
    });
});

describe("charts when rendering to YAML", () => {
    it("renders each chart for the default Kubernetes 1.34.0, not Helm's built-in v1.20", async () => {
        const run = await runProgram("dev", RENDER);
        const templates = run.mocks.calls.filter((c) => c.token === HELM_TEMPLATE).map((c) => JSON.parse(c.inputs.jsonOpts));
        assert.deepStrictEqual(run.mocks.ofType(V4_CHART), []);
        assert.ok(templates.length >= 3, `${templates.length} charts rendered`);
        assert.strictEqual(templates.length, run.mocks.ofType(CONFIG_GROUP).length);
        for (const t of templates) {
            assert.strictEqual(t.kube_version, "v1.34.0");
            assert.strictEqual(t.namespace, "monitoring");
        }
    });

    it("renders for the configured renderKubeVersion", async () => {
        const run = await runProgram("dev", { ...RENDER, kubernetes: { renderYamlTo: "out", renderKubeVersion: "1.31.4" } });
        const t = JSON.parse(run.mocks.calls.find((c) => c.token === HELM_TEMPLATE)!.inputs.jsonOpts);
        assert.strictEqual(t.kube_version, "v1.31.4");
    });

    it("takes a local mirror's chart folder as path plus chart name, with the release name the cluster mode uses", async () => {
        const run = await runProgram("dev", RENDER);
        const opts = run.mocks.calls.filter((c) => c.token === HELM_TEMPLATE).map((c) => JSON.parse(c.inputs.jsonOpts));
        const kps = opts.find((o) => o.chart === CHARTS.kubePrometheusStack.name);
        assert.ok(kps, JSON.stringify(opts.map((o) => o.chart)));
        assert.strictEqual(kps.path, "/srv/charts");
        assert.strictEqual(kps.release_name, RELEASES.kubePrometheusStack);
        assert.ok(kps.values !== undefined && Object.keys(kps.values).length > 0);
    });

    it("registers the rendered objects without Helm hooks, as helm.v4.Chart does", async () => {
        const run = await runProgram("dev", RENDER);
        for (const group of run.mocks.ofType(CONFIG_GROUP)) {
            const names = group.inputs.objs.map((o: { metadata: { name: string } }) => o.metadata.name);
            assert.deepStrictEqual(names, ["rendered"], group.name);
        }
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
        assert.strictEqual(await valueOf(run.outputs.namespace), "monitoring");
    });
});
