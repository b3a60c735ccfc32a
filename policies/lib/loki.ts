/**
 * Loki's config as the loki chart renders it: `config.yaml` in a ConfigMap (or a Secret with
 * `loki.configStorageType: Secret`) named after the release.
 */
import { dataEntries, parseMapping } from "./documents";
import { isObject, Json } from "./k8s";

/** Top-level sections of a Loki server config. */
const LOKI_SECTIONS = ["schema_config", "limits_config", "compactor", "storage_config", "ingester", "common"];

/** Sections of a log agent's config: Promtail also has a limits_config (read-line limits). */
const AGENT_SECTIONS = ["scrape_configs", "clients", "positions"];

export interface LokiConfigRef {
    /** Data key that holds the config. */
    key: string;
    config: Json;
}

/** Loki server configs carried by a ConfigMap or Secret. */
export function lokiConfigsOf(type: string, props: Json): LokiConfigRef[] {
    const out: LokiConfigRef[] = [];
    for (const [key, text] of Object.entries(dataEntries(type, props, (k) => /\.ya?ml$/.test(k)))) {
        const config = parseMapping(text);
        const has = (section: string) => config !== undefined && Object.prototype.hasOwnProperty.call(config, section);
        if (config !== undefined && LOKI_SECTIONS.some(has) && !AGENT_SECTIONS.some(has)) {
            out.push({ key, config });
        }
    }
    return out;
}

/** A section of the config, {} when absent. */
export function section(config: Json, name: string): Json {
    const value = config[name];
    return isObject(value) ? value : {};
}

/**
 * Loki runtime configs (the loki chart's `<name>-runtime` ConfigMap, key runtime-config.yaml,
 * from loki.runtimeConfig): per-tenant `overrides` of limits_config, read without a restart.
 */
export function lokiRuntimeConfigsOf(type: string, props: Json): LokiConfigRef[] {
    const out: LokiConfigRef[] = [];
    for (const [key, text] of Object.entries(dataEntries(type, props, (k) => /\.ya?ml$/.test(k)))) {
        const config = parseMapping(text);
        if (config !== undefined && isObject(config.overrides) && !LOKI_SECTIONS.some((s) => s in config)) {
            out.push({ key, config });
        }
    }
    return out;
}

/** Per-stream retention periods of a limits block: `retention_stream[i].period` by path. */
export function streamPeriods(limits: Json, prefix: string): { path: string; period: unknown }[] {
    const streams = Array.isArray(limits.retention_stream) ? limits.retention_stream : [];
    return streams.filter(isObject).map((s: Json, i: number) => ({ path: `${prefix}.retention_stream[${i}].period`, period: s.period }));
}
