import * as assert from "assert";
import { containerResources } from "../../policies/container-resources";
import { alertmanager, backupCronJob, grafanaDeployment, lokiStatefulSet, nodeExporterDaemonSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "container-resources";

describe("policy container-resources", () => {
    it("passes workloads and operator CRs with cpu/memory requests and memory limits", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), nodeExporterDaemonSet(), prometheus(), alertmanager(), backupCronJob()]) {
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

    it("rejects a CronJob container without resources (spec.jobTemplate.spec.template)", async () => {
        const job = withField(backupCronJob(), "props.spec.jobTemplate.spec.template.spec.containers.0.resources", undefined);
        assert.match((await checkResource(containerResources, job))[0], /backup-prometheus containers\[backup\] does not set requests\.cpu, requests\.memory, limits\.memory/);
    });

    it("rejects an init container without resources", async () => {
        const loki = withField(lokiStatefulSet(), "props.spec.template.spec.initContainers", [{ name: "chown", image: "busybox:1.37" }]);
        assert.match((await checkResource(containerResources, loki))[0], /loki initContainers\[chown\] does not set requests\.cpu/);
    });

    it("does not ask ephemeral containers for resources, which the API refuses on them", async () => {
        const grafana = withField(grafanaDeployment(), "props.spec.template.spec.ephemeralContainers", [{ name: "debug", image: "busybox:1.37" }]);
        assert.deepStrictEqual(await checkResource(containerResources, grafana), []);
    });

    it("accepts a Prometheus patch of an operator-built container, which keeps the operator's resources", async () => {
        const patches = [{ name: "prometheus", securityContext: { readOnlyRootFilesystem: true } }, { name: "config-reloader", args: ["--log-level=debug"] }];
        assert.deepStrictEqual(await checkResource(containerResources, withField(prometheus(), "props.spec.containers", patches)), []);
        const extra = withField(prometheus(), "props.spec.containers", [{ name: "oauth-proxy", image: "quay.io/oauth2-proxy/oauth2-proxy:v7.6.0" }]);
        assert.match((await checkResource(containerResources, extra))[0], /kps-prometheus containers\[oauth-proxy\] does not set requests\.cpu/);
    });

    it("requires CPU limits only where the config asks for them", async () => {
        const strict = { requiredRequests: ["cpu", "memory"], requiredLimits: ["cpu", "memory"] };
        assert.match((await checkResource(containerResources, grafanaDeployment(), strict))[0], /does not set limits\.cpu/);
    });
});
