import * as assert from "assert";
import { containerResources } from "../../policies/container-resources";
import { alertmanager, grafanaDeployment, lokiStatefulSet, nodeExporterDaemonSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "container-resources";

describe("policy container-resources", () => {
    it("passes workloads and operator CRs with cpu/memory requests and memory limits", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), nodeExporterDaemonSet(), prometheus(), alertmanager()]) {
            assert.deepStrictEqual(await checkResource(containerResources, object, policyConfig("prod", NAME)), [], object.name);
        }
    });

    it("rejects a sidecar without resources, as kube-prometheus-stack renders resources: {}", async () => {
        const loki = withField(lokiStatefulSet(), "props.spec.template.spec.containers.1.resources", {});
        const [message] = await checkResource(containerResources, loki);
        assert.match(message, /loki containers\[loki-sc-rules\] does not set requests\.cpu, requests\.memory, limits\.memory/);
        assert.match(message, /chart value: sidecar\.resources \(loki chart\)/);
    });

    it("rejects a container without a memory limit", async () => {
        const ds = withField(nodeExporterDaemonSet(), "props.spec.template.spec.containers.0.resources.limits", undefined);
        assert.match((await checkResource(containerResources, ds))[0], /containers\[node-exporter\] does not set limits\.memory/);
    });

    it("rejects a Prometheus without spec.resources", async () => {
        const p = withField(prometheus(), "props.spec.resources", undefined);
        assert.match((await checkResource(containerResources, p))[0], /kps-prometheus spec\.resources does not set requests\.cpu.*chart value: prometheus\.prometheusSpec\.resources/);
    });

    it("requires CPU limits only where the config asks for them", async () => {
        const strict = { requiredRequests: ["cpu", "memory"], requiredLimits: ["cpu", "memory"] };
        assert.match((await checkResource(containerResources, grafanaDeployment(), strict))[0], /does not set limits\.cpu/);
    });
});
