import * as assert from "assert";
import { statefulResourcesProtected } from "../../policies/stateful-resources-protected";
import { alertmanager, grafanaDeployment, grafanaPvc, lokiStatefulSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "stateful-resources-protected";

describe("policy stateful-resources-protected", () => {
    it("passes protected volume-bearing objects in both stacks", async () => {
        for (const config of [policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            for (const object of [prometheus(), alertmanager(), lokiStatefulSet(), grafanaPvc()]) {
                assert.deepStrictEqual(await checkResource(statefulResourcesProtected, object, config), [], object.name);
            }
        }
    });

    it("rejects an unprotected PVC in prod but not in dev", async () => {
        const pvc = withField(grafanaPvc(), "opts.protect", false);
        assert.match((await checkResource(statefulResourcesProtected, pvc, policyConfig("prod", NAME)))[0], /grafana is a persistent volume but is not protected; set the protect resource option/);
        assert.deepStrictEqual(await checkResource(statefulResourcesProtected, pvc, policyConfig("dev", NAME)), []);
    });

    it("leaves claim-template owners unprotected by default, and checks them with protectClaimOwners", async () => {
        const p = withField(prometheus(), "opts", undefined);
        assert.deepStrictEqual(await checkResource(statefulResourcesProtected, p), []);
        const [message] = await checkResource(statefulResourcesProtected, p, { protectClaimOwners: true });
        assert.match(message, /kps-prometheus owns a persistent volume but is not protected/);
    });

    it("rejects a StatefulSet that deletes its volumes with it, in every stack", async () => {
        const loki = withField(lokiStatefulSet(), "props.spec.persistentVolumeClaimRetentionPolicy", { whenDeleted: "Delete", whenScaled: "Delete" });
        for (const stack of ["dev", "prod"]) {
            const [message] = await checkResource(statefulResourcesProtected, loki, policyConfig(stack, NAME));
            assert.match(message, /loki sets spec\.persistentVolumeClaimRetentionPolicy\.whenDeleted: Delete, which deletes its volumes with it/);
        }
    });

    it("rejects a Prometheus whose operator-managed claims are deleted with it", async () => {
        const p = withField(prometheus(), "props.spec.persistentVolumeClaimRetentionPolicy", { whenDeleted: "Delete" });
        assert.strictEqual((await checkResource(statefulResourcesProtected, p)).length, 1);
        assert.deepStrictEqual(await checkResource(statefulResourcesProtected, p, { allowClaimDeletion: true }), []);
    });

    it("leaves generic ephemeral volumes alone: they are deleted with their pod by design", async () => {
        const volume = { name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "5Gi" } } } } } };
        const grafana = withField(grafanaDeployment(), "props.spec.template.spec.volumes.2", volume);
        assert.deepStrictEqual(await checkResource(statefulResourcesProtected, grafana, { protectClaimOwners: true }), []);
    });

    it("ignores objects without volumes", async () => {
        assert.deepStrictEqual(await checkResource(statefulResourcesProtected, grafanaDeployment()), []);
    });
});
