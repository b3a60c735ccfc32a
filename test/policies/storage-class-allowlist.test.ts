import * as assert from "assert";
import { storageClassAllowlist } from "../../policies/storage-class-allowlist";
import { alertmanager, grafanaPvc, lokiStatefulSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "storage-class-allowlist";

describe("policy storage-class-allowlist", () => {
    it("passes claims on fast-ssd under the defaults and both stacks' config", async () => {
        for (const config of [{}, policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            for (const object of [prometheus(), alertmanager(), lokiStatefulSet(), grafanaPvc()]) {
                assert.deepStrictEqual(await checkResource(storageClassAllowlist, object, config), [], object.name);
            }
        }
    });

    it("rejects a StatefulSet claim template on a class outside the prod list", async () => {
        const loki = withField(lokiStatefulSet(), "props.spec.volumeClaimTemplates.0.spec.storageClassName", "slow-hdd");
        const [message] = await checkResource(storageClassAllowlist, loki, policyConfig("prod", NAME));
        assert.match(message, /loki spec\.volumeClaimTemplates\[storage\] uses StorageClass "slow-hdd", which is not allowed here; set storageClassName to one of: fast-ssd/);
    });

    it("rejects a PVC on the default class in prod but accepts it in dev", async () => {
        const pvc = withField(grafanaPvc(), "props.spec.storageClassName", undefined);
        assert.match((await checkResource(storageClassAllowlist, pvc, policyConfig("prod", NAME)))[0], /grafana spec has no storageClassName and would take the cluster's default class/);
        assert.deepStrictEqual(await checkResource(storageClassAllowlist, pvc, policyConfig("dev", NAME)), []);
    });

    it("rejects storageClassName \"\" in prod, naming it as no class rather than the default", async () => {
        const pvc = withField(grafanaPvc(), "props.spec.storageClassName", "");
        const [message] = await checkResource(storageClassAllowlist, pvc, policyConfig("prod", NAME));
        assert.match(message, /grafana spec sets storageClassName "" \(no class: binds only to a pre-provisioned PersistentVolume without one\); set storageClassName to one of: fast-ssd/);
        assert.deepStrictEqual(await checkResource(storageClassAllowlist, pvc, { allowedClasses: ["fast-ssd", ""] }), []);
        assert.deepStrictEqual(await checkResource(storageClassAllowlist, pvc, policyConfig("dev", NAME)), []);
    });

    it("checks the claim template of a Prometheus ephemeral volume", async () => {
        const p = withField(prometheus(), "props.spec.storage", { ephemeral: { volumeClaimTemplate: { spec: { storageClassName: "standard", resources: { requests: { storage: "200Gi" } } } } } });
        assert.match((await checkResource(storageClassAllowlist, p, policyConfig("prod", NAME)))[0], /kps-prometheus spec\.storage\.ephemeral\.volumeClaimTemplate uses StorageClass "standard"/);
    });

    it("checks generic ephemeral volumes of a workload's pods", async () => {
        const volume = { name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { storageClassName: "standard", resources: { requests: { storage: "5Gi" } } } } } };
        const loki = withField(lokiStatefulSet(), "props.spec.template.spec.volumes.1", volume);
        assert.match((await checkResource(storageClassAllowlist, loki, policyConfig("prod", NAME)))[0], /loki volumes\[scratch\]\.ephemeral\.volumeClaimTemplate uses StorageClass "standard"/);
    });

    it("checks the Prometheus storage template", async () => {
        const p = withField(prometheus(), "props.spec.storage.volumeClaimTemplate.spec.storageClassName", "standard");
        assert.match((await checkResource(storageClassAllowlist, p, policyConfig("prod", NAME)))[0], /kps-prometheus spec\.storage\.volumeClaimTemplate uses StorageClass "standard"/);
    });
});
