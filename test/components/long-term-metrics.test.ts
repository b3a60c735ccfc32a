/**
 * prometheus.longTerm through the program under mocks: the objstore Secret before Prometheus,
 * the thanos chart after kube-prometheus-stack, Grafana on Thanos Query, and no key anywhere.
 */
import * as assert from "assert";
import { PROMETHEUS_REPLICA_LABEL } from "../../components/builders/thanos-values";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHART = "kubernetes:helm.sh/v4:Chart";
const SECRET = "kubernetes:core/v1:Secret";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const STORE = {
    endpoint: "s3.storage.example.internal:9000",
    credentialsSecret: { name: "object-store-credentials", accessKeyIdKey: "access-key", secretAccessKeyKey: "secret-key" },
    buckets: { metrics: "thanos-metrics" },
};
const ENV = [
    { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "object-store-credentials", key: "access-key" } } },
    { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "object-store-credentials", key: "secret-key" } } },
];

for (const stack of ["dev", "prod"] as const) {
    describe(`long-term metrics in the ${stack} stack`, () => {
        let run: ProgramRun;
        let thanos: any;
        let kps: any;
        before(async () => {
            run = await runProgram(stack, { objectStorage: STORE, prometheus: { longTerm: { enabled: true } } });
            thanos = run.mocks.get(CHART, "long-term-metrics-chart").inputs;
            kps = run.mocks.get(CHART, "metrics-chart").inputs.values;
        });

        it("installs stevehipwell's thanos chart 1.24.1 as release thanos in the stack namespace", () => {
            assert.deepStrictEqual(
                [thanos.chart, thanos.version, thanos.repositoryOpts, thanos.name, thanos.namespace],
                ["thanos", "1.24.1", { repo: "https://stevehipwell.github.io/helm-charts" }, "thanos", "monitoring"],
            );
        });

        it("writes the objstore config with the endpoint and bucket and without any key", () => {
            const secret = run.mocks.get(SECRET, "thanos-objstore").inputs;
            assert.strictEqual(secret.metadata.name, "thanos-objstore");
            const text: string = secret.stringData["objstore.yml"];
            assert.match(text, /type: S3/);
            assert.match(text, /bucket: thanos-metrics/);
            assert.match(text, /endpoint: s3.storage.example.internal:9000/);
            assert.match(text, /bucket_lookup_type: path/);
            assert.doesNotMatch(text, /access_key|secret_key|session_token/);
        });

        it("gives the sidecar, the store gateway and the compactor the keys by Secret reference only", () => {
            assert.deepStrictEqual(kps.prometheus.prometheusSpec.thanos, { objectStorageConfig: { existingSecret: { name: "thanos-objstore", key: "objstore.yml" } } });
            assert.deepStrictEqual(kps.prometheus.prometheusSpec.containers, [{ name: "thanos-sidecar", env: ENV }]);
            assert.deepStrictEqual(thanos.values.storeGateway.extraEnv, ENV);
            assert.deepStrictEqual(thanos.values.compact.extraEnv, ENV);
            assert.strictEqual(thanos.values.query.extraEnv, undefined, "Query never reads the bucket");
        });

        it("deduplicates the Prometheus replicas in Query and in the compactor", () => {
            assert.deepStrictEqual(thanos.values.additionalReplicaLabels, [PROMETHEUS_REPLICA_LABEL]);
            assert.deepStrictEqual(thanos.values.additionalEndpoints, ["dnssrv+_grpc._tcp.kps-thanos-discovery.monitoring.svc.cluster.local"]);
            assert.deepStrictEqual(kps.prometheus.thanosService, { enabled: true });
            assert.deepStrictEqual(thanos.values.compact.deduplication, { enabled: true, func: "penalty" });
        });

        it("points Grafana's Prometheus datasource at Thanos Query and exports its URL", async () => {
            assert.strictEqual(kps.grafana.sidecar.datasources.url, "http://thanos-query.monitoring.svc:10902");
            assert.strictEqual(await valueOf(run.outputs.thanosQueryUrl), "http://thanos-query.monitoring.svc:10902");
        });

        it(`applies ${stack}'s retention per resolution in the one compactor`, () => {
            const expected = stack === "prod" ? ["90d", "365d", "730d"] : ["30d", "90d", "180d"];
            assert.deepStrictEqual(thanos.values.compact.extraArgs, [
                `--retention.resolution-raw=${expected[0]}`,
                `--retention.resolution-5m=${expected[1]}`,
                `--retention.resolution-1h=${expected[2]}`,
            ]);
            assert.strictEqual(thanos.values.compact.replicas, undefined, "the chart's compactor is a StatefulSet of one");
        });

        it(stack === "prod" ? "isolates Thanos and opens the sidecar ports to Query" : "adds no NetworkPolicy in dev", () => {
            const policy = run.mocks.resources.find((r) => r.type === NETPOL && r.name === "long-term-metrics-network-policy");
            assert.strictEqual(policy !== undefined, stack === "prod");
            const ports = kps.prometheus.networkPolicy.ingress[0].ports.map((p: any) => p.port);
            assert.deepStrictEqual(ports, [9090, 8080, 10901, 10902]);
        });
    });
}

describe("stacks without long-term metrics", () => {
    it("have no thanos chart, no objstore Secret, no sidecar and Grafana on Prometheus", async () => {
        const run = await runProgram("prod");
        assert.ok(!run.mocks.resources.some((r) => r.name === "long-term-metrics-chart" || r.name === "thanos-objstore"));
        const kps: any = run.mocks.get(CHART, "metrics-chart").inputs.values;
        assert.strictEqual(kps.prometheus.prometheusSpec.thanos, undefined);
        assert.strictEqual(kps.prometheus.thanosService, undefined);
        assert.strictEqual(kps.grafana.sidecar.datasources.url, undefined);
        assert.strictEqual(await valueOf(run.outputs.thanosQueryUrl), null);
    });

    it("send remote write with Secret references, headers and no credential values", async () => {
        const target = { name: "mimir", url: "https://mimir.example.internal/api/v1/push", basicAuth: { username: { name: "mimir", key: "user" }, password: { name: "mimir", key: "password" } }, tenantHeader: { name: "X-Scope-OrgID", value: "prod-eu-1" } };
        const run = await runProgram("prod", { prometheus: { remoteWrite: [target] } });
        const kps: any = run.mocks.get(CHART, "metrics-chart").inputs.values;
        assert.deepStrictEqual(kps.prometheus.prometheusSpec.remoteWrite, [{
            name: "mimir",
            url: "https://mimir.example.internal/api/v1/push",
            basicAuth: { username: { name: "mimir", key: "user" }, password: { name: "mimir", key: "password" } },
            headers: { "X-Scope-OrgID": "prod-eu-1" },
        }]);
        const bearer = await runProgram("prod", { prometheus: { remoteWrite: [{ name: "receive", url: "https://receive.example.internal/api/v1/receive", bearerToken: { name: "receive", key: "token" } }] } });
        assert.deepStrictEqual((bearer.mocks.get(CHART, "metrics-chart").inputs.values as any).prometheus.prometheusSpec.remoteWrite[0].authorization, { type: "Bearer", credentials: { name: "receive", key: "token" } });
    });
});
