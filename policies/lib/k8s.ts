/**
 * Reading Kubernetes objects as policies receive them: the resource's inputs, shaped like the
 * manifest (apiVersion, kind, metadata, spec), whether Pulumi code or a Helm chart made them.
 */

/** Plain JSON-shaped data. */
export type Json = Record<string, any>;

/** Pulumi type tokens of the objects the pack reads. */
export const TYPES = {
    prometheus: "kubernetes:monitoring.coreos.com/v1:Prometheus",
    alertmanager: "kubernetes:monitoring.coreos.com/v1:Alertmanager",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    deployment: "kubernetes:apps/v1:Deployment",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    replicaSet: "kubernetes:apps/v1:ReplicaSet",
    job: "kubernetes:batch/v1:Job",
    cronJob: "kubernetes:batch/v1:CronJob",
    pod: "kubernetes:core/v1:Pod",
    pvc: "kubernetes:core/v1:PersistentVolumeClaim",
    configMap: "kubernetes:core/v1:ConfigMap",
    secret: "kubernetes:core/v1:Secret",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
} as const;

/** Workloads whose pods the operator creates from the custom resource's spec. */
export const OPERATOR_WORKLOADS: readonly string[] = [TYPES.prometheus, TYPES.alertmanager];

export function isObject(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `metadata.name`, or the Pulumi resource name when the object has none (auto-naming). */
export function objectName(props: Json, resourceName: string): string {
    const name = props?.metadata?.name;
    return typeof name === "string" && name !== "" ? name : resourceName;
}

/** `metadata.namespace`, "" when unset. */
export function objectNamespace(props: Json): string {
    const ns = props?.metadata?.namespace;
    return typeof ns === "string" ? ns : "";
}

/** The pod spec of a workload, or undefined for anything that does not run pods. */
export function podSpecOf(type: string, props: Json): Json | undefined {
    switch (type) {
        case TYPES.deployment:
        case TYPES.statefulSet:
        case TYPES.daemonSet:
        case TYPES.replicaSet:
        case TYPES.job:
            return asObject(props?.spec?.template?.spec);
        case TYPES.cronJob:
            return asObject(props?.spec?.jobTemplate?.spec?.template?.spec);
        case TYPES.pod:
            return asObject(props?.spec);
        default:
            return undefined;
    }
}

/** Labels on the pods a workload creates. */
export function podLabelsOf(type: string, props: Json): Record<string, string> {
    const labels = type === TYPES.pod ? props?.metadata?.labels : props?.spec?.template?.metadata?.labels;
    return isObject(labels) ? (labels as Record<string, string>) : {};
}

export interface ContainerRef {
    /** Where the container sits, for messages: "containers[loki]". */
    where: string;
    container: Json;
}

/** Init and regular containers of a pod spec. */
export function containersOf(podSpec: Json): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const field of ["initContainers", "containers"]) {
        const list = podSpec[field];
        if (Array.isArray(list)) {
            for (const c of list.filter(isObject)) {
                out.push({ where: `${field}[${c.name ?? "?"}]`, container: c });
            }
        }
    }
    return out;
}

export interface ClaimRef {
    /** Where the claim is declared, for messages. */
    where: string;
    /** The PersistentVolumeClaim spec. */
    spec: Json;
}

/**
 * Volume claims an object declares: a PVC itself, a StatefulSet's volumeClaimTemplates, or the
 * operator CRs' `spec.storage.volumeClaimTemplate` (which the operator turns into the
 * StatefulSet's template).
 */
export function volumeClaimsOf(type: string, props: Json): ClaimRef[] {
    if (type === TYPES.pvc) {
        return [{ where: "spec", spec: asObject(props?.spec) ?? {} }];
    }
    if (type === TYPES.statefulSet) {
        const templates = props?.spec?.volumeClaimTemplates;
        return (Array.isArray(templates) ? templates.filter(isObject) : []).map((t) => ({
            where: `spec.volumeClaimTemplates[${t.metadata?.name ?? "?"}]`,
            spec: asObject(t.spec) ?? {},
        }));
    }
    if (OPERATOR_WORKLOADS.includes(type)) {
        const template = props?.spec?.storage?.volumeClaimTemplate;
        return isObject(template) ? [{ where: "spec.storage.volumeClaimTemplate", spec: asObject(template.spec) ?? {} }] : [];
    }
    return [];
}

/** The storage request of a claim spec, as written. */
export function claimRequest(spec: Json): unknown {
    return spec?.resources?.requests?.storage;
}

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

function asObject(value: unknown): Json | undefined {
    return isObject(value) ? value : undefined;
}
