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
