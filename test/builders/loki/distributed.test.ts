import * as assert from "assert";
import { alertmanagerUrl } from "../../../components/builders/endpoints";
import { STORE_CLIENTS } from "../../../components/builders/loki/distributed";
import { LOKI_RULES_CONFIGMAP, LOKI_SCHEMA_FROM, lokiValues } from "../../../components/builders/loki-values";
import { LOKI_DISTRIBUTED_COMPONENTS } from "../../../components/schema/object-storage";
import { stackConfig } from "../../helpers/config";
import { distributedLoki, STORE_SECRET } from "../../helpers/object-storage";

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (stack: string, extra = {}) => lokiValues(stackConfig(stack, distributedLoki(extra))) as any;
const monolithic = (stack: string) => lokiValues(stackConfig(stack)) as any;
const envNames = (c: any) => (c.extraEnv ?? []).map((e: any) => e.name);

describe("lokiValues in distributed mode", () => {
    const dev = values("dev");
    const prod = values("prod");

    it("uses the chart's Distributed mode with the single binary and the scalable targets at zero", () => {
        for (const v of [dev, prod]) {
            assert.strictEqual(v.deploymentMode, "Distributed");
            assert.deepStrictEqual([v.singleBinary, v.read, v.write, v.backend], [{ replicas: 0 }, { replicas: 0 }, { replicas: 0 }, { replicas: 0 }]);
        }
    });

    it("runs every component with the replicas and resources of loki.distributed", () => {
        for (const [stack, v] of [["dev", dev], ["prod", prod]] as const) {
            const d = stackConfig(stack, distributedLoki()).loki.distributed;
            for (const c of LOKI_DISTRIBUTED_COMPONENTS) {
                assert.deepStrictEqual([v[c].replicas, v[c].resources], [d[c].replicas, d[c].resources], `${stack} ${c}`);
            }
        }
        assert.deepStrictEqual(LOKI_DISTRIBUTED_COMPONENTS.map((c) => prod[c].replicas), [2, 3, 2, 2, 2, 1, 2, 2, 2]);
        assert.strictEqual(values("prod", { loki: { distributed: { querier: { replicas: 5 } } } }).querier.replicas, 5);
    });

    it("asks the chart for a disruption budget of one pod on every component it has one for", () => {
        for (const c of LOKI_DISTRIBUTED_COMPONENTS.filter((x) => x !== "compactor")) {
            assert.deepStrictEqual(prod[c].podDisruptionBudget, { maxUnavailable: 1 }, c);
        }
    });

    it("stores chunks and index in objectStorage.buckets.logs over S3, path-style and TLS as configured", () => {
        assert.deepStrictEqual(prod.loki.storage, {
            type: "s3",
            bucketNames: { chunks: "loki-chunks" },
            s3: { endpoint: "s3.storage.example.internal:9000", region: "us-east-1", s3ForcePathStyle: true, insecure: false },
        });
        const plain = values("dev", { objectStorage: { insecure: true, pathStyle: false, region: "eu-central-1" } }).loki.storage.s3;
        assert.deepStrictEqual([plain.insecure, plain.s3ForcePathStyle, plain.region], [true, false, "eu-central-1"]);
        assert.strictEqual(prod.minio.enabled, false);
    });

    it("uses schema v13 on tsdb from the same fixed date, with chunks in the bucket", () => {
        assert.deepStrictEqual(prod.loki.schemaConfig.configs, [{ from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: "s3", schema: "v13", index: { prefix: "loki_index_", period: "24h" } }]);
    });

    it("keeps monolithic mode's retention, enforced by the compactor with its delete requests in the bucket", () => {
        for (const stack of ["dev", "prod"]) {
            const [d, m] = [values(stack).loki, monolithic(stack).loki];
            assert.strictEqual(d.limits_config.retention_period, m.limits_config.retention_period);
            assert.deepStrictEqual(d.limits_config, m.limits_config);
            assert.deepStrictEqual(d.compactor, { ...m.compactor, delete_request_store: "s3" });
            assert.strictEqual(d.compactor.retention_enabled, true);
        }
    });

    it("writes each line to min(3, ingesters) ingesters", () => {
        assert.strictEqual(dev.loki.commonConfig.replication_factor, 1);
        assert.strictEqual(prod.loki.commonConfig.replication_factor, 3);
        const rf = (n: number) => values("prod", { loki: { distributed: { ingester: { replicas: n } } } }).loki.commonConfig.replication_factor;
        assert.deepStrictEqual([rf(2), rf(5)], [2, 3]);
    });

    it("keeps the ruler on the same rules ConfigMap and Alertmanager as monolithic mode, sharded over its ring", () => {
        const { enable_sharding, ...rest } = prod.loki.rulerConfig;
        assert.deepStrictEqual(rest, monolithic("prod").loki.rulerConfig);
        assert.strictEqual(rest.alertmanager_url, alertmanagerUrl("monitoring"));
        assert.strictEqual(enable_sharding, true);
        assert.deepStrictEqual(prod.ruler.extraVolumes, [{ name: "rules", configMap: { name: LOKI_RULES_CONFIGMAP } }]);
        assert.deepStrictEqual(prod.ruler.extraVolumeMounts, [{ name: "rules", mountPath: "/etc/loki/rules/fake", readOnly: true }]);
    });

    it("gives the credentials, by reference to the credentials Secret, to exactly the components that open the bucket", () => {
        assert.deepStrictEqual([...STORE_CLIENTS].sort(), ["compactor", "indexGateway", "ingester", "querier", "ruler"]);
        for (const c of LOKI_DISTRIBUTED_COMPONENTS) {
            const names = envNames(prod[c]);
            const holds = names.includes("AWS_ACCESS_KEY_ID") && names.includes("AWS_SECRET_ACCESS_KEY");
            assert.strictEqual(holds, (STORE_CLIENTS as readonly string[]).includes(c), c);
        }
        const env = prod.ingester.extraEnv.filter((e: any) => e.name.startsWith("AWS_"));
        assert.deepStrictEqual(env, [
            { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: STORE_SECRET, key: "AWS_ACCESS_KEY_ID" } } },
            { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: STORE_SECRET, key: "AWS_SECRET_ACCESS_KEY" } } },
        ]);
    });

    it("puts no access key in the values: the chart's S3 block and the Loki config have none", () => {
        const text = JSON.stringify(prod);
        for (const field of ["accessKeyId", "secretAccessKey", "access_key_id", "secret_access_key"]) {
            assert.ok(!text.includes(field), field);
        }
        // Every AWS_* variable comes from a Secret, none carries a value.
        for (const c of LOKI_DISTRIBUTED_COMPONENTS) {
            for (const e of (prod[c].extraEnv ?? []).filter((x: any) => x.name.startsWith("AWS_"))) {
                assert.deepStrictEqual(Object.keys(e).sort(), ["name", "valueFrom"], `${c} ${e.name}`);
            }
        }
    });

    it("turns the usage reporter off, which would open the bucket from every component", () => {
        assert.deepStrictEqual(prod.loki.analytics, { reporting_enabled: false });
        assert.strictEqual(monolithic("prod").loki.analytics, undefined);
    });

    it("keeps the WAL of each ingester and the compactor's working files on claims of their own volumeSize", () => {
        for (const c of ["ingester", "compactor"]) {
            assert.deepStrictEqual(prod[c].persistence, {
                enabled: true,
                claims: [{ name: "data", accessModes: ["ReadWriteOnce"], size: "50Gi", storageClass: "fast-ssd" }],
                enableStatefulSetAutoDeletePVC: false,
            }, c);
        }
        assert.strictEqual(values("prod", { loki: { distributed: { ingester: { volumeSize: "80Gi" } } } }).ingester.persistence.claims[0].size, "80Gi");
        assert.strictEqual(dev.compactor.persistence.claims[0].size, "5Gi");
        assert.strictEqual(values("prod", { loki: { storageClass: "bulk-hdd" } }).ingester.persistence.claims[0].storageClass, "bulk-hdd");
        assert.strictEqual(dev.ingester.persistence.claims[0].storageClass, null);
        assert.deepStrictEqual(prod.ingester.zoneAwareReplication, { enabled: false });
    });

    it("sets GOMEMLIMIT to 90% of each Loki component's memory limit, not on the nginx gateway", () => {
        assert.deepStrictEqual(prod.ingester.extraEnv[0], { name: "GOMEMLIMIT", value: "3686MiB" });
        assert.deepStrictEqual(prod.distributor.extraEnv, [{ name: "GOMEMLIMIT", value: "921MiB" }]);
        assert.strictEqual(prod.gateway.extraEnv, undefined);
    });

    it("runs the gateway without its metrics exporter and gives no Loki pod an API token", () => {
        assert.deepStrictEqual([prod.gateway.enabled, prod.gateway.metrics.enabled], [true, false]);
        for (const c of LOKI_DISTRIBUTED_COMPONENTS.filter((x) => x !== "gateway")) {
            assert.strictEqual(prod[c].automountServiceAccountToken, false, c);
        }
    });

    it("keeps each component's own job (its Service's name) and adds its component as a label", () => {
        assert.deepStrictEqual(prod.monitoring.serviceMonitor.relabelings, [
            { action: "replace", sourceLabels: ["__meta_kubernetes_service_label_app_kubernetes_io_component"], targetLabel: "component" },
        ]);
        assert.strictEqual(monolithic("prod").monitoring.serviceMonitor.relabelings, undefined);
    });
});
