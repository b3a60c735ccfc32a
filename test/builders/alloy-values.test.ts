import * as assert from "assert";
import { ALLOY_DATA_DIR, alloyValues } from "../../components/builders/alloy-values";
import { lokiPushUrl, RELEASES } from "../../components/builders/endpoints";
import { stackConfig } from "../helpers/config";

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (stack: string, overrides = {}) => {
    const config = stackConfig(stack, { logAgent: { kind: "alloy" }, ...overrides });
    return alloyValues({ config, pushUrl: lokiPushUrl(config.namespace, config.loki.mode) }) as any;
};

describe("alloyValues", () => {
    const dev = values("dev");
    const prod = values("prod");

    it("runs a DaemonSet named after the log-agent release, on every node", () => {
        assert.strictEqual(dev.fullnameOverride, RELEASES.logAgent);
        assert.strictEqual(dev.controller.type, "daemonset");
        assert.deepStrictEqual(dev.controller.tolerations, [{ operator: "Exists" }]);
    });

    it("ships the generated config", () => {
        assert.match(dev.alloy.configMap.content, /loki\.write "default"/);
    });

    it("keeps positions on the node and mounts pod logs read-only", () => {
        assert.strictEqual(dev.alloy.storagePath, ALLOY_DATA_DIR);
        assert.deepStrictEqual(dev.alloy.mounts.extra, [
            { name: "data", mountPath: ALLOY_DATA_DIR },
            { name: "pods", mountPath: "/var/log/pods", readOnly: true },
        ]);
        assert.strictEqual(dev.alloy.mounts.varlog, false);
    });

    it("mounts the audit directory read-only only in prod, where audit logs are on", () => {
        assert.ok(!dev.controller.volumes.extra.some((v: any) => v.name === "audit"));
        assert.deepStrictEqual(prod.alloy.mounts.extra.at(-1), { name: "audit", mountPath: "/var/log/kubernetes/audit", readOnly: true });
    });

    it("uses the same privileges as Promtail: root, no capabilities, read-only root filesystem", () => {
        assert.strictEqual(dev.global.podSecurityContext.runAsUser, 0);
        assert.deepStrictEqual(dev.alloy.securityContext.capabilities, { drop: ["ALL"] });
        assert.strictEqual(dev.alloy.securityContext.readOnlyRootFilesystem, true);
    });

    it("installs no CRDs, no RBAC of the chart and sends no usage reports", () => {
        assert.deepStrictEqual([dev.crds.create, dev.rbac.create, dev.alloy.enableReporting], [false, false, false]);
    });

    it("creates a ServiceMonitor whose job is log-agent, as for Promtail", () => {
        assert.deepStrictEqual(dev.serviceMonitor.relabelings, [{ action: "replace", targetLabel: "job", replacement: "log-agent" }]);
    });

    it("sizes the agent per environment and limits the config reloader's memory too", () => {
        assert.deepStrictEqual(prod.alloy.resources, { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } });
        assert.strictEqual(dev.configReloader.resources.limits.memory, "100Mi");
    });

    it("pulls both of its images from the mirror with the pull secrets", () => {
        const v = values("dev", { mirrors: { imageRegistry: "registry.local:5000", imagePullSecrets: ["regcred"] } });
        assert.deepStrictEqual(v.global.image, { registry: "registry.local:5000", pullSecrets: [{ name: "regcred" }] });
    });
});
