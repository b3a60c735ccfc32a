import * as assert from "assert";
import { persistentStorage } from "../../policies/persistent-storage";
import { alertmanager, grafanaDeployment, lokiStatefulSet, nodeExporterDaemonSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "persistent-storage";

describe("policy persistent-storage", () => {
    it("passes Prometheus, Alertmanager, Loki and Grafana on volume claims", async () => {
        for (const object of [prometheus(), alertmanager(), lokiStatefulSet(), grafanaDeployment(), nodeExporterDaemonSet()]) {
            assert.deepStrictEqual(await checkResource(persistentStorage, object, policyConfig("prod", NAME)), [], object.name);
        }
    });

    it("rejects a Prometheus whose TSDB is an emptyDir", async () => {
        const [message] = await checkResource(persistentStorage, withField(prometheus(), "props.spec.storage", { emptyDir: { medium: "Memory" } }));
        assert.match(message, /^Prometheus kps-prometheus keeps its data in an emptyDir/);
        assert.match(message, /prometheus\.prometheusSpec\.storageSpec\.volumeClaimTemplate/);
    });

    it("rejects an emptyDir next to a volumeClaimTemplate, since the operator prefers the emptyDir", async () => {
        const [message] = await checkResource(persistentStorage, withField(prometheus(), "props.spec.storage.emptyDir", {}));
        assert.match(message, /^Prometheus kps-prometheus keeps its data in an emptyDir \(spec\.storage\.emptyDir, which the operator prefers over any volumeClaimTemplate: remove it\)/);
    });

    it("rejects a Prometheus on a generic ephemeral volume, deleted with every pod", async () => {
        const ephemeral = { ephemeral: { volumeClaimTemplate: { spec: { storageClassName: "fast-ssd", resources: { requests: { storage: "200Gi" } } } } } };
        const [message] = await checkResource(persistentStorage, withField(prometheus(), "props.spec.storage", ephemeral));
        assert.match(message, /^Prometheus kps-prometheus uses an ephemeral volume \(spec\.storage\.ephemeral\) for its data/);
    });

    it("rejects an Alertmanager without storage", async () => {
        const [message] = await checkResource(persistentStorage, withField(alertmanager(), "props.spec.storage", undefined));
        assert.match(message, /^Alertmanager kps-alertmanager keeps its data in an emptyDir/);
    });

    it("rejects Loki with singleBinary.persistence disabled (storage volume from emptyDir)", async () => {
        let loki = withField(lokiStatefulSet(), "props.spec.volumeClaimTemplates", undefined);
        loki = withField(loki, "props.spec.template.spec.volumes", [{ name: "storage", emptyDir: {} }]);
        const [message] = await checkResource(persistentStorage, loki);
        assert.match(message, /Loki loki mounts its `storage` volume from emptyDir/);
    });

    describe("distributed Loki", () => {
        /** The single-binary fixture as a distributed component: its data in `data`, as the chart names it there. */
        const component = (role: string, data: Record<string, unknown> | "claim") => {
            let o = withField(lokiStatefulSet(), "props.metadata.name", `loki-${role}`);
            o = withField(o, "props.spec.template.metadata.labels", { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": "loki", "app.kubernetes.io/component": role });
            o = withField(o, "props.spec.volumeClaimTemplates", data === "claim" ? [{ metadata: { name: "data" }, spec: { resources: { requests: { storage: "50Gi" } } } }] : undefined);
            return withField(o, "props.spec.template.spec.volumes", data === "claim" ? [] : [{ name: "data", ...data }]);
        };

        it("passes ingesters and the compactor with their `data` on claims, and queriers on scratch emptyDirs", async () => {
            for (const o of [component("ingester", "claim"), component("compactor", "claim"), component("querier", { emptyDir: {} })]) {
                assert.deepStrictEqual(await checkResource(persistentStorage, o, policyConfig("prod", NAME)), [], o.name);
            }
        });

        it("rejects an ingester whose WAL is an emptyDir, and a compactor without its `data` volume", async () => {
            assert.match((await checkResource(persistentStorage, component("ingester", { emptyDir: {} })))[0], /Loki loki-ingester mounts its `data` volume from emptyDir.*<component>\.persistence\.enabled/);
            const bare = withField(component("compactor", "claim"), "props.spec.volumeClaimTemplates", []);
            assert.match((await checkResource(persistentStorage, bare))[0], /Loki loki-compactor has no `data` volume or claim template for its data/);
        });
    });

    it("rejects Grafana without persistence in prod but not in dev", async () => {
        const grafana = withField(grafanaDeployment(), "props.spec.template.spec.volumes.1", { name: "storage", emptyDir: {} });
        assert.match((await checkResource(persistentStorage, grafana, policyConfig("prod", NAME)))[0], /Grafana grafana mounts its `storage` volume from emptyDir.*persistence\.enabled/);
        assert.deepStrictEqual(await checkResource(persistentStorage, grafana, policyConfig("dev", NAME)), []);
    });
});
