/**
 * Reading Kubernetes objects as policies receive them: the resource's inputs, shaped like the
 * manifest (apiVersion, kind, metadata, spec), whether Pulumi code or a Helm chart made them.
 * Metadata is read through `at`, so an unknown name or label never stops a policy (unknowns.ts).
 */
import { at, knownStrings, UNKNOWN } from "./unknowns";

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
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
} as const;

/** Workloads whose pods the operator creates from the custom resource's spec. */
export const OPERATOR_WORKLOADS: readonly string[] = [TYPES.prometheus, TYPES.alertmanager];

export function isObject(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `metadata.name`, or the Pulumi resource name when the object has none (auto-naming). */
export function objectName(props: Json, resourceName: string): string {
    const name = at(props, "metadata", "name");
    return typeof name === "string" && name !== "" ? name : resourceName;
}

/** `metadata.namespace`, "" when unset, UNKNOWN when it is not known yet. */
export function objectNamespace(props: Json): string | typeof UNKNOWN {
    const ns = at(props, "metadata", "namespace");
    return ns === UNKNOWN ? UNKNOWN : typeof ns === "string" ? ns : "";
}

/** The object's known labels. */
export function labelsOf(props: Json): Record<string, string> {
    return knownStrings(at(props, "metadata", "labels"));
}

/**
 * Whether a ConfigMap or Secret belongs to `app`, from metadata alone: its
 * `app.kubernetes.io/name` label when it has one (the loki chart's labels), else its `app` label
 * (kube-prometheus-stack labels its Alertmanager Secret `app: <chart>-alertmanager`), else its
 * name (`<app>` or `<app>-...`, as the operator's `alertmanager-<name>` config Secret is named).
 * A label naming another app wins over the name: the program's `alertmanager-receivers` Secret
 * is labelled `app.kubernetes.io/name: credentials` and holds URLs, not Alertmanager's config.
 */
export function belongsTo(props: Json, app: string): boolean {
    const labels = labelsOf(props);
    const named = labels["app.kubernetes.io/name"] ?? labels["app"];
    if (named !== undefined) {
        return named === app || named.endsWith(`-${app}`);
    }
    const name = at(props, "metadata", "name");
    return typeof name === "string" && (name === app || name.startsWith(`${app}-`));
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

/** Workload types whose objects carry a pod spec (podSpecOf). */
export const POD_WORKLOADS: readonly string[] = [TYPES.deployment, TYPES.statefulSet, TYPES.daemonSet, TYPES.replicaSet, TYPES.job, TYPES.cronJob, TYPES.pod];

/** Known labels on the pods a workload creates (a gate: an unknown label is not a match). */
export function podLabelsOf(type: string, props: Json): Record<string, string> {
    if (type === TYPES.pod) {
        return labelsOf(props);
    }
    const template = type === TYPES.cronJob ? ["spec", "jobTemplate", "spec", "template"] : ["spec", "template"];
    return knownStrings(at(props, ...template, "metadata", "labels"));
}

export interface ContainerRef {
    /** Where the container sits, for messages: "containers[loki]", or "containers[2]" when unnamed or unknown. */
    where: string;
    /** The container's name, undefined when unset or not known during preview. */
    name?: string;
    /** The container; UNKNOWN when the whole entry is not known during preview. */
    container: Json | typeof UNKNOWN;
    /** An ephemeral (debug) container: the API refuses resources on those. */
    ephemeral: boolean;
}

/**
 * Init, regular and ephemeral containers of a pod spec. An unknown list throws as any unknown
 * read does; an unknown entry comes back as UNKNOWN, so the other containers are still checked.
 */
export function containersOf(podSpec: Json): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
        const list = podSpec[field];
        if (!Array.isArray(list)) {
            continue;
        }
        for (let i = 0; i < list.length; i++) {
            const c = at(list, i);
            const name = isObject(c) ? at(c, "name") : undefined;
            const where = typeof name === "string" ? `${field}[${name}]` : `${field}[${i}]`;
            if (c === UNKNOWN || isObject(c)) {
                out.push({ where, name: typeof name === "string" ? name : undefined, container: c, ephemeral: field === "ephemeralContainers" });
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
 * `volumes[].ephemeral`), whose claims land on a StorageClass like any other. Without
 * `withEphemeral` the ephemeral ones are left out and the pod's volumes are not read at all.
 */
export function volumeClaimsOf(type: string, props: Json, withEphemeral = true): ClaimRef[] {
    if (type === TYPES.pvc) {
        return [{ where: "spec", spec: asObject(props?.spec) ?? {}, ephemeral: false }];
    }
    const out: ClaimRef[] = [];
    const templates = type === TYPES.statefulSet ? props?.spec?.volumeClaimTemplates : undefined;
    for (const t of Array.isArray(templates) ? templates.filter(isObject) : []) {
        out.push({ where: `spec.volumeClaimTemplates[${t.metadata?.name ?? "?"}]`, spec: asObject(t.spec) ?? {}, ephemeral: false });
    }
    const volumes = withEphemeral ? podSpecOf(type, props)?.volumes : undefined;
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
        if (withEphemeral && isObject(storage.ephemeral?.volumeClaimTemplate)) {
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

function asObject(value: unknown): Json | undefined {
    return isObject(value) ? value : undefined;
}
