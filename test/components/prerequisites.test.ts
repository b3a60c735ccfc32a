import * as assert from "assert";
import { prerequisiteName, prerequisites } from "../../components/prerequisites";
import { stackConfig } from "../helpers/config";
import { runProgram } from "../helpers/program";

const summary = (stack: string, overrides = {}) =>
    prerequisites(stackConfig(stack, overrides)).map((p) => `${p.kind} ${p.name} <- ${p.keys.join(", ")}`);

describe("cluster prerequisites", () => {
    it("asks nothing of a cluster for a stack on the default StorageClass without cert-manager", () => {
        assert.deepStrictEqual(summary("dev"), []);
    });

    it("asks for the StorageClass, cert-manager's CRDs and the ClusterIssuer prod names, with the keys that name them", () => {
        assert.deepStrictEqual(summary("prod"), [
            "StorageClass fast-ssd <- storage.className",
            "CustomResourceDefinition certificates.cert-manager.io <- cluster.certManager.enabled",
            "CustomResourceDefinition issuers.cert-manager.io <- cluster.certManager.enabled",
            "CustomResourceDefinition clusterissuers.cert-manager.io <- cluster.certManager.enabled",
            "ClusterIssuer internal-ca <- cluster.certManager.issuer",
        ]);
    });

    it("reports a class a component names itself under that component's key, and only for volumes the stack creates", () => {
        assert.deepStrictEqual(summary("dev", { loki: { storageClass: "bulk" }, prometheus: { storageClass: "bulk" } }), [
            "StorageClass bulk <- prometheus.storageClass, loki.storageClass",
        ]);
        assert.deepStrictEqual(summary("dev", { pushgateway: { persistence: { enabled: true, size: "1Gi", storageClass: "small" } } }), []);
        assert.deepStrictEqual(summary("dev", { pushgateway: { enabled: true, persistence: { enabled: true, size: "1Gi", storageClass: "small" } } }), [
            "StorageClass small <- pushgateway.persistence.storageClass",
        ]);
    });

    it("cannot check a namespaced Issuer before the stack creates its namespace, so checks only cert-manager's CRDs then", () => {
        const kinds = summary("prod", { cluster: { certManager: { enabled: true, issuer: { kind: "Issuer", name: "local" } } } });
        assert.ok(!kinds.some((k) => k.startsWith("ClusterIssuer") || k.includes("local")), kinds.join("\n"));
    });

    it("names each read after the key, the object and the remedy, which is what a failed read prints", () => {
        const [storage] = prerequisites(stackConfig("prod"));
        assert.strictEqual(prerequisiteName(storage), 'prerequisite storage.className: StorageClass "fast-ssd" must exist (create it, or name one that `kubectl get storageclass` lists)');
    });

    it("reads them from the cluster, and not when rendering to YAML", async () => {
        const run = await runProgram("prod");
        assert.deepStrictEqual(run.mocks.reads.map((r) => `${r.type} ${r.id}`).sort(), [
            "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition certificates.cert-manager.io",
            "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition clusterissuers.cert-manager.io",
            "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition issuers.cert-manager.io",
            "kubernetes:cert-manager.io/v1:ClusterIssuer internal-ca",
            "kubernetes:storage.k8s.io/v1:StorageClass fast-ssd",
        ]);
        const rendered = await runProgram("prod", { kubernetes: { renderYamlTo: "rendered/prod" } });
        assert.deepStrictEqual(rendered.mocks.reads, []);
    });
});
