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
    const template = type === TYPES.cronJob ? props?.spec?.jobTemplate?.spec?.template : props?.spec?.template;
    const labels = type === TYPES.pod ? props?.metadata?.labels : template?.metadata?.labels;
    return isObject(labels) ? (labels as Record<string, string>) : {};
}

export interface ContainerRef {
    /** Where the container sits, for messages: "containers[loki]". */
    where: string;
    container: Json;
    /** An ephemeral (debug) container: the API refuses resources on those. */
    ephemeral: boolean;
}

/** Init, regular and ephemeral containers of a pod spec. */
export function containersOf(podSpec: Json): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
        const list = podSpec[field];
        if (Array.isArray(list)) {
            for (const c of list.filter(isObject)) {
                out.push({ where: `${field}[${c.name ?? "?"}]`, container: c, ephemeral: field === "ephemeralContainers" });
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
    /** A generic ephemeral volume's claim: provisioned like any claim, deleted with its pod. */
    ephemeral: boolean;
}

/**
 * Volume claims an object declares: a PVC itself, a StatefulSet's volumeClaimTemplates, the
 * operator CRs' `spec.storage.volumeClaimTemplate` (which the operator turns into the
 * StatefulSet's template) and generic ephemeral volumes (`spec.storage.ephemeral`, pod
 * `volumes[].ephemeral`), whose claims land on a StorageClass like any other.
 */
export function volumeClaimsOf(type: string, props: Json): ClaimRef[] {
    if (type === TYPES.pvc) {
        return [{ where: "spec", spec: asObject(props?.spec) ?? {}, ephemeral: false }];
    }
    const out: ClaimRef[] = [];
    const templates = type === TYPES.statefulSet ? props?.spec?.volumeClaimTemplates : undefined;
    for (const t of Array.isArray(templates) ? templates.filter(isObject) : []) {
        out.push({ where: `spec.volumeClaimTemplates[${t.metadata?.name ?? "?"}]`, spec: asObject(t.spec) ?? {}, ephemeral: false });
    }
    const volumes = podSpecOf(type, props)?.volumes;
    for (const v of Array.isArray(volumes) ? volumes.filter(isObject) : []) {
        const template = v.ephemeral?.volumeClaimTemplate;
        if (isObject(template)) {
            out.push({ where: `volumes[${v.name ?? "?"}].ephemeral.volumeClaimTemplate`, spec: asObject(template.spec) ?? {}, ephemeral: true });
        }
    }
    if (OPERATOR_WORKLOADS.includes(type)) {
        const storage = asObject(props?.spec?.storage) ?? {};
        if (isObject(storage.volumeClaimTemplate)) {
            out.push({ where: "spec.storage.volumeClaimTemplate", spec: asObject(storage.volumeClaimTemplate.spec) ?? {}, ephemeral: false });
        }
        if (isObject(storage.ephemeral?.volumeClaimTemplate)) {
            out.push({ where: "spec.storage.ephemeral.volumeClaimTemplate", spec: asObject(storage.ephemeral.volumeClaimTemplate.spec) ?? {}, ephemeral: true });
        }
    }
    return out;
}

/** The volume the operator actually gives a Prometheus or Alertmanager its data on. */
export type OperatorDataVolume =
    | { kind: "emptyDir"; sizeLimit: unknown }
    | { kind: "ephemeral"; spec: Json }
    | { kind: "claim"; spec: Json };

/**
 * The operator's precedence (CRD docs of `spec.storage`): emptyDir over ephemeral over
 * volumeClaimTemplate, and an emptyDir when `spec.storage` is unset.
 */
export function operatorDataVolume(props: Json): OperatorDataVolume {
    const storage = asObject(props?.spec?.storage) ?? {};
    if (isObject(storage.emptyDir) || !(isObject(storage.ephemeral) || isObject(storage.volumeClaimTemplate))) {
        return { kind: "emptyDir", sizeLimit: storage.emptyDir?.sizeLimit };
    }
    if (isObject(storage.ephemeral)) {
        return { kind: "ephemeral", spec: asObject(storage.ephemeral.volumeClaimTemplate?.spec) ?? {} };
    }
    return { kind: "claim", spec: asObject(storage.volumeClaimTemplate.spec) ?? {} };
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
