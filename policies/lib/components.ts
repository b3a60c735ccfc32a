/**
 * The stack's data-holding components as policies recognise them: the operator's Prometheus and
 * Alertmanager by type, the charts' Loki, Grafana and Thanos workloads by the
 * `app.kubernetes.io/name` label of their pods. Only metadata is read (through `at`), so recognising an object never
 * stops on a value a preview does not know; an unknown label is simply no match.
 */
import { Json, POD_WORKLOADS, podLabelsOf, TYPES } from "./k8s";
import { at, knownStrings } from "./unknowns";

export type Component = "prometheus" | "alertmanager" | "loki" | "grafana" | "thanos";

export const COMPONENTS: readonly Component[] = ["prometheus", "alertmanager", "loki", "grafana", "thanos"];

/** Labels the Prometheus Operator uses to tell its pods apart, per custom resource type. */
const OPERATOR_LABELS: Record<string, { app: string; nameLabel: string }> = {
    [TYPES.prometheus]: { app: "prometheus", nameLabel: "operator.prometheus.io/name" },
    [TYPES.alertmanager]: { app: "alertmanager", nameLabel: "alertmanager" },
};

/** Which component an object is, or undefined for anything else. */
export function componentOf(type: string, props: Json): Component | undefined {
    if (type === TYPES.prometheus) {
        return "prometheus";
    }
    if (type === TYPES.alertmanager) {
        return "alertmanager";
    }
    if (!POD_WORKLOADS.includes(type)) {
        return undefined;
    }
    const app = podLabelsOf(type, props)["app.kubernetes.io/name"];
    return app === "loki" || app === "grafana" || app === "thanos" ? app : undefined;
}

/** Labels the Prometheus Operator puts on the pods of a Prometheus or Alertmanager named `name`. */
export function operatorPodLabels(type: string, props: Json, name: string): Record<string, string> {
    const kind = OPERATOR_LABELS[type];
    // A label a preview does not know is left out: a selector relying on it is not matched.
    const extra = knownStrings(at(props, "spec", "podMetadata", "labels"));
    return {
        ...extra,
        "app.kubernetes.io/name": kind.app,
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/managed-by": "prometheus-operator",
        [kind.app]: name,
        [kind.nameLabel]: name,
    };
}

/** Known labels of the pods an object runs: the operator's for its custom resources, the pod template's otherwise. */
export function podLabelsOfObject(type: string, props: Json, name: string): Record<string, string> {
    return OPERATOR_LABELS[type] !== undefined ? operatorPodLabels(type, props, name) : podLabelsOf(type, props);
}
