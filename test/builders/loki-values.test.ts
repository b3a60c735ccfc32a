import * as assert from "assert";
import { alertmanagerUrl, RELEASES } from "../../components/builders/endpoints";
import { LOKI_RULES_CONFIGMAP, LOKI_SCHEMA_FROM, lokiValues } from "../../components/builders/loki-values";
import { stackConfig } from "../helpers/config";

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (stack: string, overrides = {}) => lokiValues(stackConfig(stack, overrides)) as any;

describe("lokiValues", () => {
    const dev = values("dev");
    const prod = values("prod");

    it("names every object after the loki release, so endpoints.ts URLs hold", () => {
        assert.strictEqual(dev.fullnameOverride, RELEASES.loki);
    });

    it("runs one monolithic binary and zeroes every other deployment mode", () => {
        assert.strictEqual(dev.deploymentMode, "Monolithic");
        assert.strictEqual(dev.singleBinary.replicas, 1);
        for (const target of ["read", "write", "backend", "ingester", "querier", "queryFrontend", "queryScheduler", "distributor", "compactor", "indexGateway", "ruler"]) {
            assert.strictEqual(dev[target].replicas, 0, target);
        }
    });

    it("stores chunks and index on the filesystem of a PVC", () => {
        assert.deepStrictEqual(dev.loki.storage, { type: "filesystem" });
        assert.strictEqual(dev.singleBinary.persistence.enabled, true);
        assert.strictEqual(dev.minio.enabled, false);
    });

    it("uses schema v13 on tsdb with a 24h index period from a fixed date", () => {
        assert.deepStrictEqual(dev.loki.schemaConfig.configs, [{
            from: LOKI_SCHEMA_FROM,
            store: "tsdb",
            object_store: "filesystem",
            schema: "v13",
            index: { prefix: "loki_index_", period: "24h" },
        }]);
    });

    it("keeps 7 days in dev and 30 days in prod, enforced by the compactor", () => {
        assert.strictEqual(dev.loki.limits_config.retention_period, "168h");
        assert.strictEqual(prod.loki.limits_config.retention_period, "30d");
        for (const v of [dev, prod]) {
            assert.strictEqual(v.loki.compactor.retention_enabled, true);
            assert.strictEqual(v.loki.compactor.delete_request_store, "filesystem");
        }
    });

    it("sizes the volume per environment: 20Gi in dev, 200Gi in prod", () => {
        assert.strictEqual(dev.singleBinary.persistence.size, "20Gi");
        assert.strictEqual(prod.singleBinary.persistence.size, "200Gi");
    });

    it("puts the volume on storage.className, or loki.storageClass when set", () => {
        assert.strictEqual(dev.singleBinary.persistence.storageClass, null);
        assert.strictEqual(prod.singleBinary.persistence.storageClass, "fast-ssd");
        assert.strictEqual(values("prod", { loki: { storageClass: "bulk-hdd" } }).singleBinary.persistence.storageClass, "bulk-hdd");
    });

    it("keeps the PVC when the StatefulSet goes away", () => {
        assert.strictEqual(prod.singleBinary.persistence.enableStatefulSetAutoDeletePVC, false);
    });

    it("applies the ingestion limits of each environment", () => {
        const l = prod.loki.limits_config;
        assert.deepStrictEqual(
            [l.ingestion_rate_mb, l.ingestion_burst_size_mb, l.max_global_streams_per_user, l.reject_old_samples, l.reject_old_samples_max_age],
            [16, 32, 10000, true, "168h"],
        );
        assert.strictEqual(dev.loki.limits_config.ingestion_rate_mb, 4);
        assert.strictEqual(values("dev", { loki: { ingestion: { maxStreamsPerUser: 5000 } } }).loki.limits_config.max_global_streams_per_user, 5000);
    });

    it("points the ruler at Alertmanager and reads rules from the mounted rules ConfigMap", () => {
        assert.strictEqual(dev.loki.rulerConfig.alertmanager_url, alertmanagerUrl("monitoring"));
        assert.strictEqual(dev.loki.rulerConfig.storage.local.directory, "/etc/loki/rules");
        assert.deepStrictEqual(dev.singleBinary.extraVolumes, [{ name: "rules", configMap: { name: LOKI_RULES_CONFIGMAP } }]);
        assert.strictEqual(dev.singleBinary.extraVolumeMounts[0].mountPath, "/etc/loki/rules/fake");
    });

    it("runs single-tenant (auth_enabled false)", () => {
        assert.strictEqual(dev.loki.auth_enabled, false);
    });

    it("turns off caches, canary, gateway, Helm test and the rules sidecar", () => {
        assert.deepStrictEqual(
            [dev.chunksCache.enabled, dev.resultsCache.enabled, dev.memcached.enabled, dev.lokiCanary.enabled, dev.test.enabled, dev.gateway.enabled, dev.sidecar.rules.enabled],
            [false, false, false, false, false, false, false],
        );
    });

    it("sizes the binary per environment and sets GOMEMLIMIT to 90% of the memory limit", () => {
        assert.deepStrictEqual(prod.singleBinary.resources, { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" } });
        assert.deepStrictEqual(prod.singleBinary.extraEnv, [{ name: "GOMEMLIMIT", value: "3686MiB" }]);
        assert.deepStrictEqual(dev.singleBinary.extraEnv, [{ name: "GOMEMLIMIT", value: "921MiB" }]);
    });

    it("creates a ServiceMonitor whose job is the Service name", () => {
        assert.strictEqual(dev.monitoring.serviceMonitor.enabled, true);
        assert.strictEqual(dev.monitoring.serviceMonitor.jobPrefix, "");
    });

    it("pulls from the mirror registry with the configured pull secrets", () => {
        const v = values("dev", { mirrors: { imageRegistry: "registry.local:5000", imagePullSecrets: ["regcred"] } });
        assert.strictEqual(v.global.imageRegistry, "registry.local:5000");
        assert.deepStrictEqual(v.imagePullSecrets, [{ name: "regcred" }]);
        assert.strictEqual(dev.global.imageRegistry, null);
    });

    it("gives the Loki pod no API token", () => {
        assert.strictEqual(dev.singleBinary.automountServiceAccountToken, false);
    });
});
