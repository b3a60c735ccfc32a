import * as assert from "assert";
import { LOKI_CLIENTS, LOKI_POD_LABELS } from "../../components/builders/loki-network-policy";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHART = "kubernetes:helm.sh/v4:Chart";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const EXPECTED = {
    dev: { retention: "168h", size: "20Gi", storageClass: null, rateMb: 4, memory: "1Gi" },
    prod: { retention: "30d", size: "200Gi", storageClass: "fast-ssd", rateMb: 16, memory: "4Gi" },
} as const;

for (const stack of ["dev", "prod"] as const) {
    describe(`Loki in the ${stack} stack`, () => {
        let run: ProgramRun;
        let values: any;
        before(async () => {
            run = await runProgram(stack);
            values = run.mocks.get(CHART, "loki-chart").inputs.values;
        });

        it("installs grafana-community loki 18.11.0 as release loki in the stack namespace", () => {
            const inputs = run.mocks.get(CHART, "loki-chart").inputs;
            assert.deepStrictEqual(
                [inputs.chart, inputs.version, inputs.repositoryOpts, inputs.name, inputs.namespace],
                ["loki", "18.11.0", { repo: "https://grafana-community.github.io/helm-charts" }, "loki", "monitoring"],
            );
        });

        it(`keeps logs for ${EXPECTED[stack].retention} on a ${EXPECTED[stack].size} volume`, () => {
            assert.strictEqual(values.loki.limits_config.retention_period, EXPECTED[stack].retention);
            assert.strictEqual(values.singleBinary.persistence.size, EXPECTED[stack].size);
            assert.strictEqual(values.singleBinary.persistence.storageClass, EXPECTED[stack].storageClass);
            assert.strictEqual(values.loki.compactor.retention_enabled, true);
        });

        it("applies the environment's ingestion limits and resources", () => {
            assert.strictEqual(values.loki.limits_config.ingestion_rate_mb, EXPECTED[stack].rateMb);
            assert.strictEqual(values.singleBinary.resources.limits.memory, EXPECTED[stack].memory);
        });

        it("creates the ruler's rules ConfigMap under the name the chart mounts", () => {
            const rules = run.mocks.get("kubernetes:core/v1:ConfigMap", "loki-rules");
            assert.strictEqual(rules.inputs.metadata.name, values.singleBinary.extraVolumes[0].configMap.name);
            assert.strictEqual(rules.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
        });

        it("exports Loki's query and push URLs", async () => {
            assert.strictEqual(await valueOf(run.outputs.lokiUrl), "http://loki.monitoring.svc:3100");
            assert.strictEqual(await valueOf(run.outputs.lokiPushUrl), "http://loki.monitoring.svc:3100/loki/api/v1/push");
        });

        it("hands the push URL to the log agent", async () => {
            const agent = run.mocks.get(CHART, "log-agent-chart").inputs.values;
            assert.match(agent.config.file, /url: http:\/\/loki\.monitoring\.svc:3100\/loki\/api\/v1\/push/);
        });
    });
}

describe("Loki's NetworkPolicy", () => {
    it("exists only where protection.networkPolicies is on (prod)", async () => {
        assert.deepStrictEqual((await runProgram("dev")).mocks.ofType(NETPOL).filter((p) => p.name.startsWith("loki")), []);
        assert.ok((await runProgram("dev", { protection: { networkPolicies: true } })).mocks.get(NETPOL, "loki-network-policy"));
    });

    it("admits only the log agent, event exporter, Grafana, Prometheus and Loki's own peers", async () => {
        const spec = (await runProgram("prod")).mocks.get(NETPOL, "loki-network-policy").inputs.spec;
        assert.deepStrictEqual(spec.podSelector.matchLabels, LOKI_POD_LABELS);
        assert.deepStrictEqual(spec.policyTypes, ["Ingress"]);
        const [clients, peers] = spec.ingress;
        assert.deepStrictEqual(clients.from.map((f: any) => f.podSelector.matchLabels), Object.values(LOKI_CLIENTS));
        assert.deepStrictEqual(clients.ports, [{ port: 3100, protocol: "TCP" }]);
        assert.deepStrictEqual(peers.from, [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": "loki" } } }]);
        assert.ok(spec.ingress.every((rule: any) => rule.from.every((f: any) => f.namespaceSelector === undefined && f.ipBlock === undefined)));
    });

    it("selects the pods each client really runs as", async () => {
        const run = await runProgram("prod");
        const exporter = run.mocks.get("kubernetes:apps/v1:Deployment", "event-exporter-deployment").inputs.spec.template.metadata.labels;
        for (const [k, v] of Object.entries(LOKI_CLIENTS.eventExporter)) {
            assert.strictEqual(exporter[k], v, k);
        }
        assert.deepStrictEqual(LOKI_CLIENTS.logAgent, { "app.kubernetes.io/instance": run.mocks.get(CHART, "log-agent-chart").inputs.name });
    });
});

describe("Loki with log alerts in the config", () => {
    it("puts them in the ruler's rules ConfigMap", async () => {
        const alert = { name: "ApiErrors", expr: 'sum(count_over_time({app="api"} |= "error" [5m])) > 10', severity: "warning", summary: "API errors" };
        const run = await runProgram("dev", { alerting: { logAlerts: [alert] } });
        const rules = run.mocks.get("kubernetes:core/v1:ConfigMap", "loki-rules");
        assert.match(rules.inputs.data["log-alerts.yaml"], /alert: ApiErrors/);
    });
});
