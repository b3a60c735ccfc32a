/**
 * Pod settings both log agents share: where they run, with which privileges, how they are scraped.
 */
import { RELEASES } from "./endpoints";

/**
 * Tolerate every taint: a node whose logs are not collected is a blind spot, and control-plane
 * nodes (node-role.kubernetes.io/control-plane:NoSchedule) hold the audit log.
 */
export const LOG_AGENT_TOLERATIONS = [{ operator: "Exists" }];

/**
 * Root without capabilities. /var/log/pods/<pod>/<container>/N.log and the audit log are 0640/0600 root-owned
 * files on kubeadm and containerd nodes, so only uid 0 can read them without CAP_DAC_READ_SEARCH;
 * as the owner root needs no capability for that, so every capability is dropped.
 */
export const LOG_AGENT_POD_SECURITY = {
    runAsUser: 0,
    runAsGroup: 0,
    runAsNonRoot: false,
    seccompProfile: { type: "RuntimeDefault" },
};

/** Nothing on the image's filesystem is written; positions live on a hostPath volume. */
export const LOG_AGENT_CONTAINER_SECURITY = {
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ["ALL"] },
};

/**
 * ServiceMonitor relabelling that names the scrape job after the release ("log-agent") for both
 * agents: Promtail's chart calls its metrics Service `<fullname>-metrics`, Alloy's `<fullname>`,
 * and the self-monitoring rules (builders/rules/targets.ts) match one job name.
 */
export function logAgentJobRelabeling(): { action: string; targetLabel: string; replacement: string }[] {
    return [{ action: "replace", targetLabel: "job", replacement: RELEASES.logAgent }];
}
