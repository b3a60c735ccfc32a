/**
 * What the Prometheus Operator (v0.93.1, the kube-prometheus-stack pin's appVersion) makes of a
 * rendered Prometheus object with `spec.thanos`: the thanos-sidecar container's args and env, the
 * Prometheus args that coordinate compaction with the sidecar, and the external labels. Read off
 * the operator's source at that tag (pkg/prometheus/server/statefulset.go createThanosContainer
 * and compactionModeFor, pkg/prometheus/promcfg.go buildExternalLabels,
 * pkg/prometheus/server/thanos_sidecar_config.go). Fields this model does not cover make it
 * throw, so a program change that starts using one cannot pass unnoticed.
 */

/** The parts of a Prometheus object (monitoring.coreos.com/v1) this model reads. */
export interface PrometheusObject {
    metadata: { name: string; namespace: string };
    spec: {
        version?: string;
        replicas?: number;
        externalLabels?: Record<string, string>;
        replicaExternalLabelName?: string;
        prometheusExternalLabelName?: string;
        disableCompaction?: boolean;
        logLevel?: string;
        logFormat?: string;
        thanos?: Record<string, unknown>;
        containers?: { name: string; env?: EnvVar[]; volumeMounts?: Record<string, unknown>[] }[];
        volumes?: Record<string, unknown>[];
    };
}

export interface EnvVar {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}

/** The operator's data directory in the pod (pkg/prometheus/common.go StorageDir). */
export const STORAGE_DIR = "/prometheus";
/** The shipper meta file Prometheus and the sidecar share in delayed-compaction mode. */
const SHIPPER_META = "thanos.shipper.json";
/** Where the operator mounts the sidecar's Prometheus HTTP client config, and what it holds. */
export const HTTP_CLIENT_FILE = { path: "/etc/thanos/config/prometheus.http-client-file.yaml", content: "tls_config:\n  insecure_skip_verify: true\n" };
/** spec.thanos fields the model below turns into args, or that do not change them. */
const MODELLED = new Set(["objectStorageConfig", "image", "version", "resources", "logLevel", "logFormat", "minTime", "readyTimeout", "additionalArgs", "blockSize"]);

/**
 * The Thanos version the operator decides features by: spec.thanos.version, else its built-in
 * default (pkg/operator/defaults.go DefaultThanosVersion). The image it runs is another matter:
 * kube-prometheus-stack passes --thanos-default-base-image with a tag (prometheusOperator.thanosImage),
 * which BuildImagePath returns as it is, so v0.42.4 runs while v0.42.2 decides.
 */
export const OPERATOR_DEFAULT_THANOS_VERSION = "v0.42.2";

function thanosVersionOf(p: PrometheusObject): string {
    return String(p.spec.thanos?.version ?? OPERATOR_DEFAULT_THANOS_VERSION);
}

/** The operator's compaction mode: "delayed" needs Prometheus >= 3.9.0 and Thanos >= 0.41.0. */
export function compactionMode(p: PrometheusObject): "default" | "disabled" | "delayed" {
    if (p.spec.disableCompaction === true) {
        return "disabled";
    }
    if (p.spec.thanos?.objectStorageConfig === undefined) {
        return "default";
    }
    return atLeast(p.spec.version ?? "", "3.9.0") && atLeast(thanosVersionOf(p), "0.41.0") ? "delayed" : "disabled";
}

function atLeast(version: string, min: string): boolean {
    const parse = (v: string) => v.replace(/^v/, "").split(/[.-]/).slice(0, 3).map(Number);
    const [a, b] = [parse(version), parse(min)];
    if (a.some(Number.isNaN)) {
        throw new Error(`cannot read version "${version}"`);
    }
    for (let i = 0; i < 3; i++) {
        if (a[i] !== b[i]) {
            return a[i] > b[i];
        }
    }
    return true;
}

/** Prometheus args the operator adds for the sidecar (statefulset.go makeStatefulSet's switch). */
export function prometheusThanosArgs(p: PrometheusObject): string[] {
    switch (compactionMode(p)) {
        case "disabled": {
            const block = String(p.spec.thanos?.blockSize ?? "2h");
            return [`--storage.tsdb.max-block-duration=${block}`, `--storage.tsdb.min-block-duration=${block}`];
        }
        case "delayed":
            return [`--storage.tsdb.delay-compact-file.path=${STORAGE_DIR}/${SHIPPER_META}`];
        default:
            return [];
    }
}

/**
 * The thanos-sidecar container as the operator generates it, before kubelet expands $(VAR):
 * args in the operator's order, and env (the env of a spec.containers entry named
 * thanos-sidecar, which the operator merges in by name with a strategic merge patch, then
 * OBJSTORE_CONFIG from the Secret spec.thanos names).
 */
export function sidecarContainer(p: PrometheusObject): { args: string[]; env: EnvVar[]; volumeMounts: Record<string, unknown>[] } {
    const t = p.spec.thanos;
    if (t === undefined) {
        throw new Error(`Prometheus ${p.metadata.name} has no spec.thanos: the operator adds no sidecar`);
    }
    const unmodelled = Object.keys(t).filter((k) => !MODELLED.has(k));
    if (unmodelled.length > 0) {
        throw new Error(`spec.thanos sets ${unmodelled.join(", ")}, which this model of the operator's sidecar does not cover`);
    }
    const ref = t.objectStorageConfig as { name: string; key: string } | undefined;
    const args = ["--prometheus.url=http://localhost:9090/", "--grpc-address=:10901", "--http-address=:10902"];
    const env: EnvVar[] = [];
    if (ref !== undefined) {
        args.push("--objstore.config=$(OBJSTORE_CONFIG)", `--tsdb.path=${STORAGE_DIR}`);
        env.push({ name: "OBJSTORE_CONFIG", valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } });
        if (compactionMode(p) === "delayed") {
            args.push(`--shipper.meta-file-name=${SHIPPER_META}`, "--shipper.ignore-unequal-block-size");
        }
    }
    const level = (t.logLevel as string | undefined) ?? p.spec.logLevel;
    const format = (t.logFormat as string | undefined) ?? p.spec.logFormat;
    args.push(...(level ? [`--log.level=${level}`] : []), ...(format ? [`--log.format=${format}`] : []));
    args.push(...(t.minTime ? [`--min-time=${String(t.minTime)}`] : []), ...(t.readyTimeout ? [`--prometheus.ready_timeout=${String(t.readyTimeout)}`] : []));
    args.push(`--prometheus.http-client-file=${HTTP_CLIENT_FILE.path}`);
    for (const a of (t.additionalArgs as { name: string; value?: string }[] | undefined) ?? []) {
        args.push(a.value === undefined ? `--${a.name}` : `--${a.name}=${a.value}`);
    }
    const patch = (p.spec.containers ?? []).find((c) => c.name === "thanos-sidecar");
    // The merged env lists the spec.containers entry's variables first, then the operator's own:
    // the order the real operator v0.93.1 produced in the cluster tier (operator-checks.ts).
    // Of the mounts only the spec.containers entry's are modelled (the object store's CA); the
    // operator's own (the TSDB volume, the HTTP client file) are rewritten by the tests anyway.
    return { args: ["sidecar", ...args], env: [...(patch?.env ?? []), ...env], volumeMounts: [...(patch?.volumeMounts ?? [])] };
}

/** The pod names of the StatefulSet the operator makes: prometheus-<name>-<ordinal>. */
export function podNames(p: PrometheusObject): string[] {
    return Array.from({ length: p.spec.replicas ?? 1 }, (_, i) => `prometheus-${p.metadata.name}-${i}`);
}

/** External labels of one replica (promcfg.go buildExternalLabels; $(POD_NAME) as the config reloader expands it). */
export function externalLabels(p: PrometheusObject, pod: string): Record<string, string> {
    const replicaLabel = p.spec.replicaExternalLabelName ?? "prometheus_replica";
    const promLabel = p.spec.prometheusExternalLabelName ?? "prometheus";
    // The operator's own two labels win over spec.externalLabels entries of the same name.
    return {
        ...(p.spec.externalLabels ?? {}),
        ...(promLabel === "" ? {} : { [promLabel]: `${p.metadata.namespace}/${p.metadata.name}` }),
        ...(replicaLabel === "" ? {} : { [replicaLabel]: pod }),
    };
}
