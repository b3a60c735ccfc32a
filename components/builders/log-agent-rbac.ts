/**
 * The log agents' ClusterRole: read-only discovery of pods (which files to tail and their
 * labels) and nodes (the control-plane role label for audit logs). Nothing else: no Secrets,
 * no nodes/proxy (the kubelet API), no write verbs.
 */

/** A ClusterRole rule in Kubernetes spelling. */
export interface PolicyRule {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
    resourceNames?: string[];
}

export const READ_VERBS = ["get", "list", "watch"];

export function logAgentRules(): PolicyRule[] {
    return [
        { apiGroups: [""], resources: ["pods", "nodes"], verbs: READ_VERBS },
    ];
}
