import * as assert from "assert";
import {
    eventExporterDeploymentSpec,
    eventExporterServiceMonitorSpec,
    eventExporterServiceSpec,
} from "../../components/builders/event-exporter-deployment";

const input = {
    image: "ghcr.io/resmoio/kubernetes-event-exporter:v1.7",
    selector: { "app.kubernetes.io/name": "kubernetes-event-exporter", "app.kubernetes.io/instance": "event-exporter" },
    labels: { "app.kubernetes.io/name": "kubernetes-event-exporter", "app.kubernetes.io/instance": "event-exporter", "app.kubernetes.io/version": "v1.7" },
    serviceAccountName: "event-exporter",
    configMapName: "event-exporter-config",
    configChecksum: "abc",
    replicas: 2,
    resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    imagePullSecrets: [{ name: "regcred" }],
};

describe("eventExporterDeploymentSpec", () => {
    const spec = eventExporterDeploymentSpec(input);
    const pod = spec.template.spec;
    const container = pod.containers[0];

    it("selects pods by name and instance only, never by version", () => {
        assert.deepStrictEqual(spec.selector.matchLabels, input.selector);
        assert.deepStrictEqual(spec.template.metadata.labels, input.labels);
    });

    it("runs non-root with a read-only root filesystem and no capabilities", () => {
        assert.deepStrictEqual([pod.securityContext.runAsNonRoot, pod.securityContext.runAsUser], [true, 65532]);
        assert.deepStrictEqual(pod.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.deepStrictEqual(
            [container.securityContext.readOnlyRootFilesystem, container.securityContext.allowPrivilegeEscalation, container.securityContext.capabilities],
            [true, false, { drop: ["ALL"] }],
        );
    });

    it("probes the exporter's own /-/healthy and /-/ready on port 2112", () => {
        assert.deepStrictEqual(container.ports, [{ name: "http-metrics", containerPort: 2112, protocol: "TCP" }]);
        assert.strictEqual(container.livenessProbe.httpGet.path, "/-/healthy");
        assert.strictEqual(container.readinessProbe.httpGet.path, "/-/ready");
    });

    it("reads its config from the mounted ConfigMap and rolls when the config changes", () => {
        assert.deepStrictEqual(container.args, ["-conf=/data/config.yaml", "-metrics-address=:2112"]);
        assert.deepStrictEqual(container.volumeMounts, [{ name: "config", mountPath: "/data", readOnly: true }]);
        assert.deepStrictEqual(pod.volumes, [{ name: "config", configMap: { name: "event-exporter-config" } }]);
        assert.strictEqual(spec.template.metadata.annotations["checksum/config"], "abc");
    });

    it("exposes metrics on a Service the ServiceMonitor selects by the pod selector labels", () => {
        const service = eventExporterServiceSpec(input.selector);
        assert.deepStrictEqual(service.selector, input.selector);
        assert.deepStrictEqual(service.ports, [{ name: "http-metrics", port: 2112, targetPort: "http-metrics", protocol: "TCP" }]);
        assert.deepStrictEqual(eventExporterServiceMonitorSpec(input.selector, "30s"), {
            selector: { matchLabels: input.selector },
            endpoints: [{ port: "http-metrics", path: "/metrics", interval: "30s" }],
        });
    });

    it("carries no prometheus.io annotations, so the pod is not scraped twice", () => {
        assert.ok(!JSON.stringify(spec.template.metadata).includes("prometheus.io"));
    });

    it("takes image, replicas, resources and pull secrets from its input", () => {
        assert.deepStrictEqual(
            [container.image, spec.replicas, container.resources, pod.imagePullSecrets],
            [input.image, 2, input.resources, [{ name: "regcred" }]],
        );
    });
});
