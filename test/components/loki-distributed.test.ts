import * as assert from "assert";
import * as YAML from "yaml";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";
import { distributedLoki, STORE_SECRET } from "../helpers/object-storage";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHART = "kubernetes:helm.sh/v4:Chart";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const CONFIGMAP = "kubernetes:core/v1:ConfigMap";
const GATEWAY = "http://loki-gateway.monitoring.svc:80";
const PUSH = `${GATEWAY}/loki/api/v1/push`;
const EXTRAS = { pushgateway: { enabled: true }, kubeBench: { enabled: true } };

for (const stack of ["dev", "prod"] as const) {
    describe(`Loki in distributed mode, ${stack} stack under mocks`, () => {
        let run: ProgramRun;
        let values: any;
        before(async () => {
            run = await runProgram(stack, distributedLoki(EXTRAS));
            values = run.mocks.get(CHART, "loki-chart").inputs.values;
        });

        it("installs the loki chart in Distributed mode on the logs bucket", () => {
            assert.strictEqual(values.deploymentMode, "Distributed");
            assert.strictEqual(values.loki.storage.bucketNames.chunks, "loki-chunks");
            assert.strictEqual(values.singleBinary.replicas, 0);
        });

        it("exports the gateway as Loki's query and push URLs", async () => {
            assert.strictEqual(await valueOf(run.outputs.lokiUrl), GATEWAY);
            assert.strictEqual(await valueOf(run.outputs.lokiPushUrl), PUSH);
        });

        it("points Promtail, the event exporter, kube-bench and Grafana's datasource at the gateway", () => {
            const agent = run.mocks.get(CHART, "log-agent-chart").inputs.values;
            assert.strictEqual(YAML.parse(agent.config.file).clients[0].url, PUSH);
            const events = YAML.parse(run.mocks.get(CONFIGMAP, "event-exporter-config").inputs.data["config.yaml"]);
            assert.strictEqual(events.receivers[0].loki.url, PUSH);
            const bench = run.mocks.ofType("kubernetes:batch/v1:CronJob").find((j) => j.inputs.metadata.name.startsWith("kube-bench-"))!;
            const env = bench.inputs.spec.jobTemplate.spec.template.spec.containers[0].env;
            assert.strictEqual(env.find((e: any) => e.name === "LOKI_PUSH_URL").value, PUSH);
            const [datasource] = run.mocks.get(CHART, "metrics-chart").inputs.values.grafana.additionalDataSources;
            assert.deepStrictEqual([datasource.uid, datasource.url], ["loki", GATEWAY]);
        });

        it("mounts the same rules ConfigMap on the ruler", () => {
            const rules = run.mocks.get(CONFIGMAP, "loki-rules");
            assert.strictEqual(values.ruler.extraVolumes[0].configMap.name, rules.inputs.metadata.name);
        });

        it("names the credentials Secret and holds none of its values in any registered object", () => {
            assert.ok(JSON.stringify(values).includes(STORE_SECRET));
            for (const r of run.mocks.resources) {
                const text = JSON.stringify(r.inputs);
                for (const field of ["access_key_id", "secret_access_key", "accessKeyId\":\"", "secretAccessKey\":\""]) {
                    assert.ok(!text.includes(field), `${r.type} ${r.name} holds ${field}`);
                }
            }
        });

        it(stack === "prod" ? "isolates the components and the gateway with the stack's NetworkPolicies" : "creates no NetworkPolicy in dev", () => {
            const names = run.mocks.ofType(NETPOL).map((p) => p.inputs.metadata.name).filter((n: string) => n.startsWith("loki")).sort();
            assert.deepStrictEqual(names, stack === "prod" ? ["loki", "loki-from-kube-bench", "loki-gateway"] : []);
        });
    });
}

describe("Loki in distributed mode with Alloy", () => {
    it("has Alloy write to the gateway", async () => {
        const run = await runProgram("prod", distributedLoki({ logAgent: { kind: "alloy" } }));
        const content = run.mocks.get(CHART, "log-agent-chart").inputs.values.alloy.configMap.content;
        assert.ok(content.includes(`url = "${PUSH}"`), content);
    });
});
