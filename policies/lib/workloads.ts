/** Containers of every object that runs pods, including the operator CRs' own fields. */
import { containersOf, ContainerRef, isObject, Json, OPERATOR_WORKLOADS, podSpecOf } from "./k8s";
import { reportingUnknowns, UNKNOWN, unknownMessage } from "./unknowns";

/**
 * Containers an object defines. For Prometheus and Alertmanager the operator builds the pods:
 * `spec.containers`/`spec.initContainers` are strategic-merge patches onto them, and the main
 * container's resources and image come from `spec.resources` and `spec.image`.
 */
export function workloadContainers(type: string, props: Json): ContainerRef[] {
    const podSpec = podSpecOf(type, props);
    if (podSpec !== undefined) {
        return containersOf(podSpec);
    }
    if (OPERATOR_WORKLOADS.includes(type) && isObject(props.spec)) {
        return containersOf(props.spec);
    }
    return [];
}

/** A container whose entry is known (values inside it may still not be). */
export type KnownContainer = ContainerRef & { container: Json };

/**
 * Runs `check` on each container. A container entry not known during preview, or a value that
 * `check` reads and a preview does not know, is reported for that container alone (unknowns.ts),
 * so the other containers of the object are still checked.
 */
export function eachContainer(containers: ContainerRef[], subject: string, report: (message: string) => void, check: (c: KnownContainer) => void): void {
    for (const c of containers) {
        if (c.container === UNKNOWN) {
            report(unknownMessage(subject, c.where));
            continue;
        }
        reportingUnknowns(subject, report, () => check(c as KnownContainer));
    }
}
