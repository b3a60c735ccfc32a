/**
 * Config files carried by ConfigMaps and Secrets: Secret `data` is base64 (as the charts render
 * it), `stringData` and ConfigMap `data` are plain text.
 */
import * as YAML from "yaml";
import { isObject, Json, TYPES } from "./k8s";
import { at, pathOf, UNKNOWN } from "./unknowns";

/** The text entries of a ConfigMap or Secret, and what could not be read during a preview. */
export interface DataEntries {
    /** Each selected key's text content; undecodable entries are left out. */
    entries: Record<string, string>;
    /**
     * What is not known during preview: a whole field (`stringData`, whose keys are unknown too),
     * or the value of a selected key (`data["config.yaml"]`, with that key).
     */
    unknown: { path: string; key?: string }[];
}

/**
 * The entries of `data` and `stringData` whose key passes `wanted`. Values of other keys are
 * never read: a Secret may hold a generated password that a preview does not know yet. Call it
 * only for an object the policy governs, since `data` and `stringData` themselves may be unknown.
 */
export function dataEntries(type: string, props: Json, wanted: (key: string) => boolean = () => true): DataEntries {
    const out: DataEntries = { entries: {}, unknown: [] };
    if (type !== TYPES.configMap && type !== TYPES.secret) {
        return out;
    }
    for (const field of ["data", "stringData"]) {
        const entries = at(props, field);
        if (entries === UNKNOWN) {
            out.unknown.push({ path: field });
            continue;
        }
        if (!isObject(entries)) {
            continue;
        }
        const base64 = type === TYPES.secret && field === "data";
        for (const key of Object.keys(entries).filter(wanted)) {
            const value = at(entries, key);
            if (value === UNKNOWN) {
                out.unknown.push({ path: pathOf([field, key]), key });
            } else if (typeof value === "string") {
                out.entries[key] = base64 ? Buffer.from(value, "base64").toString("utf8") : value;
            }
        }
    }
    return out;
}

/**
 * Parsed documents by text. Several policies read the same Loki or Alertmanager config and the
 * engine hands each policy its own copy of the props, so identity caching would not help.
 * Bounded, and the parsed documents are only ever read.
 */
const parsed = new Map<string, Json | undefined>();
const CACHE_ENTRIES = 256;

/** A YAML (or JSON) document parsed to a mapping; undefined when it is not one. */
export function parseMapping(text: string): Json | undefined {
    if (parsed.has(text)) {
        return parsed.get(text);
    }
    const doc = parseUncached(text);
    if (parsed.size >= CACHE_ENTRIES) {
        parsed.delete(parsed.keys().next().value as string);
    }
    parsed.set(text, doc);
    return doc;
}

function parseUncached(text: string): Json | undefined {
    // JSON (dashboards, kube-prometheus-stack's values) parses far faster than through YAML.
    if (text.trimStart().startsWith("{")) {
        try {
            const doc = JSON.parse(text);
            return isObject(doc) ? doc : undefined;
        } catch {
            // Flow-style YAML also starts with "{": fall through.
        }
    }
    try {
        const doc = YAML.parse(text, { prettyErrors: false, uniqueKeys: false });
        return isObject(doc) ? doc : undefined;
    } catch {
        return undefined;
    }
}

/** INI entries ("section.key" to value) of a grafana.ini-style text. */
export function parseIni(text: string): Record<string, string> {
    const out: Record<string, string> = {};
    let section = "";
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) {
            continue;
        }
        const header = /^\[([^\]]+)\]$/.exec(line);
        if (header !== null) {
            section = header[1].trim();
            continue;
        }
        const eq = line.indexOf("=");
        if (eq > 0) {
            const key = line.slice(0, eq).trim();
            out[section === "" ? key : `${section}.${key}`] = line.slice(eq + 1).trim();
        }
    }
    return out;
}
