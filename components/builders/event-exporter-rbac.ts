/**
 * Least-privilege RBAC for kubernetes-event-exporter: cluster-wide read of events (its informer
 * watches core/v1 Events in every namespace) and, in its own namespace only, the one Lease its
 * replicas elect a leader with (client-go leaderelection: get, create, update).
 */
import { EVENT_EXPORTER_LEASE } from "./event-exporter-config";
import { PolicyRule, READ_VERBS } from "./log-agent-rbac";

/** ClusterRole rules: read events, nothing else (object lookups are off, see omitLookup). */
export function eventExporterClusterRules(): PolicyRule[] {
    return [{ apiGroups: [""], resources: ["events"], verbs: READ_VERBS }];
}

/** Role rules in the exporter's namespace: its Lease and nothing else. */
export function eventExporterLeaseRules(): PolicyRule[] {
    return [
        // create cannot be limited by name (the object does not exist yet).
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
        {
            apiGroups: ["coordination.k8s.io"],
            resources: ["leases"],
            resourceNames: [EVENT_EXPORTER_LEASE],
            verbs: ["get", "update"],
        },
    ];
}
