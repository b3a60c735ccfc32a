/** Label selectors as the API server evaluates them (policy/v1 PodDisruptionBudgets). */
import { isObject, Json } from "./k8s";

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
    if (!isObject(selector)) {
        return false;
    }
    const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
    if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
        // An empty selector selects every pod in the namespace (policy/v1 semantics).
        return true;
    }
    const labelsOk = Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
    return labelsOk && expressions.every((e: Json) => expressionMatches(e, labels));
}

function expressionMatches(e: Json, labels: Record<string, string>): boolean {
    const values: string[] = Array.isArray(e.values) ? e.values : [];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
        case "In":
            return has && values.includes(labels[e.key]);
        case "NotIn":
            return !has || !values.includes(labels[e.key]);
        case "Exists":
            return has;
        case "DoesNotExist":
            return !has;
        default:
            return false;
    }
}
