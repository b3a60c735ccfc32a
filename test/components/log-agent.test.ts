import * as assert from "assert";
import * as YAML from "yaml";
import { runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHART = "kubernetes:helm.sh/v4:Chart";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";

describe("LogAgent", () => {
    for (const stack of ["dev", "prod"]) {
        it(`runs Promtail 6.17.1 by default in ${stack}, pushing to Loki`, async () => {
            const run = await runProgram(stack);
            const chart = run.mocks.get(CHART, "log-agent-chart").inputs;
            assert.deepStrictEqual(
                [chart.chart, chart.version, chart.repositoryOpts, chart.name],
                ["promtail", "6.17.1", { repo: "https://grafana.github.io/helm-charts" }, "log-agent"],
            );
            assert.strictEqual(YAML.parse(chart.values.config.file).clients[0].url, "http://loki.monitoring.svc:3100/loki/api/v1/push");
            assert.deepStrictEqual(run.mocks.ofType(CHART).filter((c) => c.name.startsWith("log-agent")).length, 1);
        });
    }

    it("collects audit logs in prod but not in dev", async () => {
        const jobs = async (stack: string) =>
            YAML.parse((await runProgram(stack)).mocks.get(CHART, "log-agent-chart").inputs.values.config.file).scrape_configs.map((j: any) => j.job_name);
        assert.deepStrictEqual(await jobs("dev"), ["kubernetes-pods"]);
        assert.deepStrictEqual(await jobs("prod"), ["kubernetes-pods", "kubernetes-audit"]);
    });

    it("runs Grafana Alloy 1.11.1 instead when logAgent.kind is alloy, under the same resource name", async () => {
        const run = await runProgram("prod", { logAgent: { kind: "alloy" } });
        const chart = run.mocks.get(CHART, "log-agent-chart").inputs;
        assert.deepStrictEqual(
            [chart.chart, chart.version, chart.repositoryOpts, chart.name],
            ["alloy", "1.11.1", { repo: "https://grafana.github.io/helm-charts" }, "log-agent"],
        );
        assert.match(chart.values.alloy.configMap.content, /loki\.source\.file "audit"/);
        assert.strictEqual(chart.values.config, undefined, "no Promtail values left");
    });

    for (const kind of ["promtail", "alloy"]) {
        it(`binds the ${kind} ServiceAccount to a read-only ClusterRole on pods and nodes`, async () => {
            const run = await runProgram("prod", { logAgent: { kind } });
            const role = run.mocks.get(CLUSTER_ROLE, "log-agent-cluster-role").inputs;
            assert.deepStrictEqual(role.rules, [{ apiGroups: [""], resources: ["pods", "nodes"], verbs: ["get", "list", "watch"] }]);
            const binding = run.mocks.get(BINDING, "log-agent-cluster-role-binding").inputs;
            assert.strictEqual(binding.roleRef.name, role.metadata.name);
            assert.deepStrictEqual(binding.subjects, [{ kind: "ServiceAccount", name: "log-agent", namespace: "monitoring" }]);
            const values = run.mocks.get(CHART, "log-agent-chart").inputs.values;
            assert.strictEqual(values.rbac.create, false, "the chart's own role would add more");
        });
    }

    it("gives the cluster-scoped role a name that carries the namespace", async () => {
        const run = await runProgram("dev", { namespace: "obs" });
        assert.strictEqual(run.mocks.get(CLUSTER_ROLE, "log-agent-cluster-role").inputs.metadata.name, "obs-log-agent");
    });
});
