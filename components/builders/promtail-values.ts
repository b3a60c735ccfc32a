/**
 * Helm values for the `promtail` chart (6.17.1, Promtail 3.5): a DaemonSet on every node that
 * tails /var/log/pods (and the audit log on control-plane nodes) and pushes to Loki.
 */
import type { StackConfig } from "../schema";
import { RELEASES } from "./endpoints";
import { pullSecrets } from "./images";
import { LOG_AGENT_CONTAINER_SECURITY, LOG_AGENT_POD_SECURITY, LOG_AGENT_TOLERATIONS, logAgentJobRelabeling } from "./log-agent-common";
import { POD_LOG_DIR } from "./log-pipelines";
import { promtailConfigYaml } from "./promtail-config";

/** Inputs of the Promtail values. */
export interface PromtailValuesInput {
    config: StackConfig;
    /** Loki push endpoint. */
    pushUrl: string;
}

/** Node directories the agent mounts: positions (read-write), pod logs and audit logs (read-only). */
function volumes(auditLogs: StackConfig["logAgent"]["auditLogs"]) {
    const vols = [
        { name: "run", hostPath: { path: "/run/promtail", type: "DirectoryOrCreate" } },
        { name: "pods", hostPath: { path: POD_LOG_DIR, type: "Directory" } },
    ];
    const mounts = [
        { name: "run", mountPath: "/run/promtail" },
        { name: "pods", mountPath: POD_LOG_DIR, readOnly: true },
    ];
    if (auditLogs.enabled) {
        // DirectoryOrCreate: the DaemonSet also lands on workers, which have no audit directory;
        // their agent finds no target there (audit targets are control-plane nodes only).
        vols.push({ name: "audit", hostPath: { path: auditLogs.hostPath, type: "DirectoryOrCreate" } });
        mounts.push({ name: "audit", mountPath: auditLogs.hostPath, readOnly: true });
    }
    return { defaultVolumes: vols, defaultVolumeMounts: mounts };
}

/** Complete values for the promtail chart. */
export function promtailValues(input: PromtailValuesInput): Record<string, unknown> {
    const { config } = input;
    return {
        fullnameOverride: RELEASES.logAgent,
        global: { imageRegistry: config.mirrors.imageRegistry ?? "", imagePullSecrets: pullSecrets(config.mirrors) },
        daemonset: { enabled: true },
        deployment: { enabled: false },
        resources: config.logAgent.resources,
        tolerations: LOG_AGENT_TOLERATIONS,
        podSecurityContext: LOG_AGENT_POD_SECURITY,
        containerSecurityContext: LOG_AGENT_CONTAINER_SECURITY,
        // The chart's ClusterRole adds nodes/proxy (kubelet API access); LogAgent binds its own
        // read-only role instead (builders/log-agent-rbac.ts).
        rbac: { create: false },
        serviceAccount: { create: true },
        ...volumes(config.logAgent.auditLogs),
        config: {
            enabled: true,
            file: promtailConfigYaml({
                pushUrl: input.pushUrl,
                cluster: config.cluster.name,
                apps: config.apps,
                auditLogs: config.logAgent.auditLogs,
            }),
        },
        serviceMonitor: { enabled: true, interval: config.prometheus.scrapeInterval, relabelings: logAgentJobRelabeling() },
    };
}
