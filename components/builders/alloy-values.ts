/**
 * Helm values for the `alloy` chart (grafana/alloy 1.11.1, Alloy v1.18.1) running as the log
 * agent DaemonSet: the same mounts, privileges and pipelines as the Promtail setup.
 */
import type { StackConfig } from "../schema";
import { alloyConfig } from "./alloy-config";
import { RELEASES } from "./endpoints";
import { pullSecrets } from "./images";
import { LOG_AGENT_CONTAINER_SECURITY, LOG_AGENT_POD_SECURITY, LOG_AGENT_TOLERATIONS, logAgentJobRelabeling } from "./log-agent-common";
import { POD_LOG_DIR } from "./log-pipelines";

/** Alloy's HTTP port (UI, /metrics, /-/ready), the chart's `http-metrics` port. */
export const ALLOY_PORT = 12345;

/** Node directory for Alloy's data (file positions), so restarts resume where they left off. */
export const ALLOY_DATA_DIR = "/var/lib/alloy-log-agent";

/** Inputs of the Alloy values. */
export interface AlloyValuesInput {
    config: StackConfig;
    /** Loki push endpoint. */
    pushUrl: string;
}

function hostMounts(auditLogs: StackConfig["logAgent"]["auditLogs"]) {
    const volumes = [
        { name: "data", hostPath: { path: ALLOY_DATA_DIR, type: "DirectoryOrCreate" } },
        { name: "pods", hostPath: { path: POD_LOG_DIR, type: "Directory" } },
    ];
    const mounts = [
        { name: "data", mountPath: ALLOY_DATA_DIR },
        { name: "pods", mountPath: POD_LOG_DIR, readOnly: true },
    ];
    if (auditLogs.enabled) {
        // Workers get an empty directory and no audit target (see log-pipelines.ts).
        volumes.push({ name: "audit", hostPath: { path: auditLogs.hostPath, type: "DirectoryOrCreate" } });
        mounts.push({ name: "audit", mountPath: auditLogs.hostPath, readOnly: true });
    }
    return { volumes, mounts };
}

/** Complete values for the alloy chart. */
export function alloyValues(input: AlloyValuesInput): Record<string, unknown> {
    const { config } = input;
    const { volumes, mounts } = hostMounts(config.logAgent.auditLogs);
    return {
        fullnameOverride: RELEASES.logAgent,
        global: {
            image: { registry: config.mirrors.imageRegistry ?? "", pullSecrets: pullSecrets(config.mirrors) },
            podSecurityContext: LOG_AGENT_POD_SECURITY,
        },
        // The PodLogs CRD is for loki.source.podlogs, which this config does not use.
        crds: { create: false },
        alloy: {
            configMap: {
                create: true,
                content: alloyConfig({
                    pushUrl: input.pushUrl,
                    cluster: config.cluster.name,
                    apps: config.apps,
                    auditLogs: config.logAgent.auditLogs,
                }),
            },
            storagePath: ALLOY_DATA_DIR,
            listenPort: ALLOY_PORT,
            // Air-gapped sites cannot reach stats.grafana.org.
            enableReporting: false,
            mounts: { varlog: false, dockercontainers: false, extra: mounts },
            securityContext: LOG_AGENT_CONTAINER_SECURITY,
            resources: config.logAgent.resources,
        },
        // The chart's reloader requests but sets no memory limit; every container gets one here.
        configReloader: { resources: { requests: { cpu: "10m", memory: "50Mi" }, limits: { memory: "100Mi" } } },
        controller: { type: "daemonset", tolerations: LOG_AGENT_TOLERATIONS, volumes: { extra: volumes } },
        // LogAgent binds its own read-only ClusterRole: the chart's default rules read Secrets.
        rbac: { create: false },
        serviceAccount: { create: true },
        serviceMonitor: { enabled: true, interval: config.prometheus.scrapeInterval, relabelings: logAgentJobRelabeling() },
    };
}
