/**
 * Alertmanager's config as kube-prometheus-stack renders it: `alertmanager.yaml` in the Secret
 * `alertmanager-<name>` (base64 `data`), or in a Secret/ConfigMap the program makes itself.
 */
import { isLiteralSecret, snakeCase, urlCarriesCredential } from "./credentials";
import { dataEntries, parseMapping } from "./documents";
import { isObject, Json, TYPES } from "./k8s";

export interface AlertmanagerConfigRef {
    key: string;
    config: Json;
}

/** Alertmanager configs carried by a ConfigMap or Secret (keys alertmanager.yaml/.yml). */
export function alertmanagerConfigsOf(type: string, props: Json): AlertmanagerConfigRef[] {
    const out: AlertmanagerConfigRef[] = [];
    for (const [key, text] of Object.entries(dataEntries(type, props, (k) => /^alertmanager\.ya?ml$/.test(k)))) {
        const config = parseMapping(text);
        if (config !== undefined) {
            out.push({ key, config });
        }
    }
    return out;
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

/** Paths ("receivers[0].slack_configs[0].api_url") of credentials written inline. */
export function inlineSecrets(config: Json): string[] {
    const found: string[] = [];
    walk(config, "", "", found);
    return found;
}

function walk(node: unknown, path: string, parentKey: string, found: string[]): void {
    if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${path}[${i}]`, parentKey, found));
        return;
    }
    if (!isObject(node)) {
        return;
    }
    for (const [key, value] of Object.entries(node)) {
        const here = path === "" ? key : `${path}.${key}`;
        if (isLiteralSecret(value) && isInlineSecret(key, value, parentKey)) {
            found.push(here);
        }
        walk(value, here, key, found);
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
