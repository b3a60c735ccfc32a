/**
 * Alertmanager's config as kube-prometheus-stack renders it: `alertmanager.yaml` in the Secret
 * `alertmanager-<name>` (base64 `data`, labelled `app: <chart>-alertmanager`), or in a
 * Secret/ConfigMap of the alertmanager app made some other way.
 */
import { isLiteralSecret, snakeCase, urlCarriesCredential } from "./credentials";
import { dataEntries, parseMapping } from "./documents";
import { belongsTo, isObject, Json, TYPES } from "./k8s";
import { at, pathOf, UNKNOWN } from "./unknowns";

export interface AlertmanagerConfigRef {
    key: string;
    config: Json;
}

/**
 * Alertmanager configs (keys alertmanager.yaml/.yml) carried by a ConfigMap or Secret of the
 * alertmanager app, chosen by type and metadata before any data is read (k8s.ts belongsTo): the
 * program's credential Secrets, whose passwords a preview does not know yet, are never read.
 * `unknown` lists the config entries, or whole data fields, not known during preview.
 */
export function alertmanagerConfigsOf(type: string, props: Json): { configs: AlertmanagerConfigRef[]; unknown: string[] } {
    if ((type !== TYPES.configMap && type !== TYPES.secret) || !belongsTo(props, "alertmanager")) {
        return { configs: [], unknown: [] };
    }
    const { entries, unknown } = dataEntries(type, props, (k) => /^alertmanager\.ya?ml$/.test(k));
    const configs: AlertmanagerConfigRef[] = [];
    for (const [key, text] of Object.entries(entries)) {
        const config = parseMapping(text);
        if (config !== undefined) {
            configs.push({ key, config });
        }
    }
    return { configs, unknown: unknown.map((u) => u.path) };
}

/** AlertmanagerConfig CRs, whose receivers take credentials as Secret key selectors. */
const ALERTMANAGER_CONFIG_TYPES = ["kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig", "kubernetes:monitoring.coreos.com/v1beta1:AlertmanagerConfig"];

/**
 * Operator-native Alertmanager config: an AlertmanagerConfig's `spec`, or an Alertmanager's
 * `spec.alertmanagerConfiguration`. Credentials there are `{name, key}` selectors of a Secret;
 * a string (a webhook `url` carrying a token, or an `apiURL` written as a literal) is inline.
 */
export function operatorConfigOf(type: string, props: Json): AlertmanagerConfigRef | undefined {
    if (ALERTMANAGER_CONFIG_TYPES.includes(type) && isObject(props?.spec)) {
        return { key: "spec", config: props.spec };
    }
    if (type === TYPES.alertmanager && isObject(props?.spec?.alertmanagerConfiguration)) {
        return { key: "spec.alertmanagerConfiguration", config: props.spec.alertmanagerConfiguration };
    }
    return undefined;
}

/**
 * Fields that hold a secret inline; each has a `<field>_file` twin that reads it from a mounted
 * file (Alertmanager configuration docs). `api_url` is secret only for Slack.
 */
const ALWAYS_SECRET = new Set([
    "smtp_auth_password", "smtp_auth_secret", "slack_api_url", "opsgenie_api_key", "victorops_api_key",
    "wechat_api_secret", "auth_password", "auth_secret", "password", "credentials", "bearer_token",
    "client_secret", "routing_key", "service_key", "api_key", "user_key", "token", "bot_token",
    "api_secret", "secret_key", "webhook_url", "alert_source_token",
]);

export interface InlineSecrets {
    /** Paths ("receivers[0].slack_configs[0].api_url") of credentials written inline. */
    found: string[];
    /** Paths of values not known during preview (only a custom resource's config has any). */
    unknown: string[];
}

/**
 * Credentials written inline in a config. An unknown value anywhere in it is listed: any field
 * can carry text inline, and one computed from another resource's output is most often a
 * generated credential, so a config is only passed once all of it has been seen.
 */
export function inlineSecrets(config: Json): InlineSecrets {
    const out: InlineSecrets = { found: [], unknown: [] };
    walk(config, [], "", out);
    return out;
}

function walk(node: unknown, path: string[], parentKey: string, out: InlineSecrets): void {
    if (!Array.isArray(node) && !isObject(node)) {
        return;
    }
    // Walked by key with each value read through `at`, so one a preview does not know is listed, not thrown.
    const keys = Array.isArray(node) ? Array.from({ length: node.length }, (_, i) => String(i)) : Object.keys(node);
    for (const key of keys) {
        const here = [...path, key];
        const value = at(node, key);
        if (value === UNKNOWN) {
            out.unknown.push(pathOf(here));
            continue;
        }
        // Array items are judged by the key that holds the array (slack_configs[0] by slack_configs).
        const name = Array.isArray(node) ? parentKey : key;
        if (!Array.isArray(node) && isLiteralSecret(value) && isInlineSecret(key, value, parentKey)) {
            out.found.push(pathOf(here));
        }
        walk(value, here, name, out);
    }
}

/** Keys compare in snake_case, so the CRDs' camelCase (apiURL, authPassword, webhookConfigs) matches too. */
function isInlineSecret(rawKey: string, value: string, rawParent: string): boolean {
    const key = snakeCase(rawKey);
    const parentKey = snakeCase(rawParent);
    if (ALWAYS_SECRET.has(key)) {
        return true;
    }
    if (key === "api_url" && parentKey === "slack_configs") {
        return true;
    }
    // Generic webhooks are fine by URL unless the URL itself carries a token.
    return key === "url" && parentKey === "webhook_configs" && urlCarriesCredential(value);
}
