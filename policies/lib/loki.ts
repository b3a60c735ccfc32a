/**
 * Loki's config as the loki chart renders it: `config.yaml` in a ConfigMap (or a Secret with
 * `loki.configStorageType: Secret`) named after the release, and the `<name>-runtime` ConfigMap,
 * both labelled `app.kubernetes.io/name: loki`.
 */
import { dataEntries, parseMapping } from "./documents";
import { belongsTo, isObject, Json, TYPES } from "./k8s";

/** Top-level sections of a Loki server config. */
const LOKI_SECTIONS = ["schema_config", "limits_config", "compactor", "storage_config", "ingester", "common"];

/** Sections of a log agent's config: Promtail also has a limits_config (read-line limits). */
const AGENT_SECTIONS = ["scrape_configs", "clients", "positions"];

export interface LokiConfigRef {
    /** Data key that holds the config. */
    key: string;
    config: Json;
}

export interface LokiDocuments {
    /** Loki server configs. */
    configs: LokiConfigRef[];
    /**
     * Loki runtime configs (the loki chart's `<name>-runtime` ConfigMap, key runtime-config.yaml,
     * from loki.runtimeConfig): per-tenant `overrides` of limits_config, read without a restart.
     */
    runtimeConfigs: LokiConfigRef[];
    /** YAML entries (or whole data fields) not known during preview: they may hold either. */
    unknown: string[];
}

/**
 * Whether an object can carry Loki's config, from its type and metadata alone: a ConfigMap or
 * Secret that belongs to the loki app (k8s.ts belongsTo). Nothing else's data is read, so a
 * Secret whose generated password a preview does not know yet never stops a Loki policy.
 */
export function isLokiConfigObject(type: string, props: Json): boolean {
    return (type === TYPES.configMap || type === TYPES.secret) && belongsTo(props, "loki");
}

/** The Loki configs an object carries, read only from Loki's own ConfigMaps and Secrets. */
export function lokiDocumentsOf(type: string, props: Json): LokiDocuments {
    const out: LokiDocuments = { configs: [], runtimeConfigs: [], unknown: [] };
    if (!isLokiConfigObject(type, props)) {
        return out;
    }
    const { entries, unknown } = dataEntries(type, props, (k) => /\.ya?ml$/.test(k));
    out.unknown = unknown.map((u) => u.path);
    for (const [key, text] of Object.entries(entries)) {
        const config = parseMapping(text);
        if (config === undefined) {
            continue;
        }
        const has = (section: string) => Object.prototype.hasOwnProperty.call(config, section);
        if (LOKI_SECTIONS.some(has) && !AGENT_SECTIONS.some(has)) {
            out.configs.push({ key, config });
        } else if (isObject(config.overrides) && !LOKI_SECTIONS.some(has)) {
            out.runtimeConfigs.push({ key, config });
        }
    }
    return out;
}

/** A section of the config, {} when absent. */
export function section(config: Json, name: string): Json {
    const value = config[name];
    return isObject(value) ? value : {};
}

/** Per-stream retention periods of a limits block: `retention_stream[i].period` by path. */
export function streamPeriods(limits: Json, prefix: string): { path: string; period: unknown }[] {
    const streams = Array.isArray(limits.retention_stream) ? limits.retention_stream : [];
    return streams.filter(isObject).map((s: Json, i: number) => ({ path: `${prefix}.retention_stream[${i}].period`, period: s.period }));
}
