import * as assert from "assert";
import * as YAML from "yaml";
import { lokiPushUrl, RELEASES } from "../../components/builders/endpoints";
import { promtailValues } from "../../components/builders/promtail-values";
import { stackConfig } from "../helpers/config";

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (stack: string, overrides = {}) => {
    const config = stackConfig(stack, overrides);
    return promtailValues({ config, pushUrl: lokiPushUrl(config.namespace, config.loki.mode) }) as any;
};

describe("promtailValues", () => {
    const dev = values("dev");
    const prod = values("prod");

    it("runs a DaemonSet named after the log-agent release", () => {
        assert.strictEqual(dev.fullnameOverride, RELEASES.logAgent);
        assert.deepStrictEqual([dev.daemonset.enabled, dev.deployment.enabled], [true, false]);
    });

    it("tolerates every taint, control-plane nodes included", () => {
        assert.deepStrictEqual(dev.tolerations, [{ operator: "Exists" }]);
    });

    it("runs as root (to read root-owned logs) with no capabilities and a read-only root filesystem", () => {
        assert.strictEqual(dev.podSecurityContext.runAsUser, 0);
        assert.deepStrictEqual(dev.podSecurityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.deepStrictEqual(dev.containerSecurityContext, {
            readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] },
        });
    });

    it("mounts /var/log/pods read-only and no Docker directory", () => {
        assert.deepStrictEqual(dev.defaultVolumeMounts.map((m: any) => [m.mountPath, m.readOnly ?? false]), [["/run/promtail", false], ["/var/log/pods", true]]);
        assert.ok(!JSON.stringify(dev).includes("/var/lib/docker"));
    });

    it("mounts the audit directory read-only only when audit logs are on (prod)", () => {
        assert.ok(!dev.defaultVolumes.some((v: any) => v.name === "audit"));
        assert.deepStrictEqual(prod.defaultVolumes.find((v: any) => v.name === "audit").hostPath, { path: "/var/log/kubernetes/audit", type: "DirectoryOrCreate" });
        assert.deepStrictEqual(prod.defaultVolumeMounts.find((m: any) => m.name === "audit"), { name: "audit", mountPath: "/var/log/kubernetes/audit", readOnly: true });
    });

    it("sizes the agent per environment", () => {
        assert.deepStrictEqual(dev.resources, { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } });
        assert.deepStrictEqual(prod.resources, { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } });
    });

    it("leaves RBAC to LogAgent (the chart's role grants nodes/proxy)", () => {
        assert.strictEqual(dev.rbac.create, false);
        assert.strictEqual(dev.serviceAccount.create, true);
    });

    it("ships the generated config file, pushing to Loki", () => {
        const file = YAML.parse(dev.config.file);
        assert.strictEqual(file.clients[0].url, "http://loki.monitoring.svc:3100/loki/api/v1/push");
    });

    it("creates a ServiceMonitor at the stack's scrape interval whose job is log-agent", () => {
        assert.deepStrictEqual(dev.serviceMonitor, {
            enabled: true,
            interval: "30s",
            relabelings: [{ action: "replace", targetLabel: "job", replacement: "log-agent" }],
        });
    });

    it("pulls from the mirror registry with the configured pull secrets", () => {
        const v = values("dev", { mirrors: { imageRegistry: "registry.local:5000", imagePullSecrets: ["regcred"] } });
        assert.deepStrictEqual(v.global, { imageRegistry: "registry.local:5000", imagePullSecrets: [{ name: "regcred" }] });
    });
});
