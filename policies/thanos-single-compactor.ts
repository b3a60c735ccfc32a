/**
 * Exactly one Thanos compactor per stack, at one replica: compaction and retention are not safe
 * to run concurrently on a bucket (https://thanos.io/tip/components/compact.md: "only one
 * instance of the Compactor" per bucket), and without one the bucket is never compacted,
 * downsampled or trimmed. A stack counts as running Thanos when a Prometheus ships blocks
 * (spec.thanos.objectStorageConfig) or any workload runs a Thanos component.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isObject, objectName, POD_WORKLOADS, podSpecOf, TYPES } from "./lib/k8s";
import { compactContainers, runsThanos } from "./lib/thanos";
import { at, reportingUnknowns } from "./lib/unknowns";

const COMPONENTS = ["sidecar", "query", "store", "compact", "receive", "rule", "query-frontend"];

/** Whether the object ships blocks to a bucket or runs a Thanos component (known values only). */
function usesThanos(r: PolicyResource): boolean {
    if (r.type === TYPES.prometheus) {
        return isObject(at(r.props, "spec", "thanos", "objectStorageConfig"));
    }
    if (!POD_WORKLOADS.includes(r.type)) {
        return false;
    }
    const containers = at(podSpecOf(r.type, r.props) ?? {}, "containers");
    return Array.isArray(containers) && Array.from({ length: containers.length }, (_, i) => at(containers, i))
        .some((c) => isObject(c) && COMPONENTS.some((component) => runsThanos(c, component)));
}

export const thanosSingleCompactor: StackValidationPolicy = {
    name: "thanos-single-compactor",
    description: "A stack that ships Prometheus blocks to object storage runs exactly one Thanos compactor workload, at one replica, since concurrent compactors corrupt the bucket and none leaves it unbounded.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const compactors = args.resources.filter((r) => compactContainers(r.type, r.props).length > 0);
        if (compactors.length === 0) {
            const user = args.resources.find(usesThanos);
            if (user !== undefined) {
                reportViolation(`${objectName(user.props, user.name)} uses Thanos but the stack runs no Thanos compactor, so the bucket is never compacted, downsampled or trimmed by retention; deploy one (observability:prometheus.longTerm).`, user.urn);
            }
            return;
        }
        for (const r of compactors) {
            const name = objectName(r.props, r.name);
            const report = (message: string) => reportViolation(message, r.urn);
            if (compactors.length > 1) {
                const others = compactors.filter((o) => o !== r).map((o) => objectName(o.props, o.name)).join(", ");
                report(`Thanos compactor ${name} runs beside ${others} in the same stack; concurrent compactors corrupt the bucket, so keep exactly one.`);
            }
            if (r.type === TYPES.daemonSet) {
                report(`Thanos compactor ${name} is a DaemonSet, one compactor per node; concurrent compaction corrupts the bucket, so run it as a StatefulSet of 1.`);
                continue;
            }
            // Reading an unknown spec.replicas throws, and reportingUnknowns names it.
            reportingUnknowns(`Thanos compactor ${name}`, report, () => {
                // Deployments and StatefulSets run one pod when spec.replicas is unset.
                const replicas = r.props.spec?.replicas ?? 1;
                if (replicas !== 1) {
                    report(`Thanos compactor ${name} runs ${replicas} replicas; concurrent compaction corrupts the bucket, so set spec.replicas to 1.`);
                }
            });
        }
    },
};
