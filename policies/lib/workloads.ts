/** Containers of every object that runs pods, including the operator CRs' own fields. */
import { containersOf, ContainerRef, isObject, Json, OPERATOR_WORKLOADS, podSpecOf } from "./k8s";

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
