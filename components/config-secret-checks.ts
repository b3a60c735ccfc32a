/**
 * Checks of the secret config keys: their form, that the ones the config refers to are set, and
 * that plain keys stored as secrets are ones the program keeps secret. They read the merged
 * config leniently, so they report alongside every other problem, even in a config that does
 * not validate. Secret values are never echoed.
 */
import { CONFIG_NAMESPACE, isTree } from "./config-issues";
import { SECRET_CAPABLE_KEYS, SECRET_KEYS } from "./config-secrets";
import { slackUrlFormProblems, slackUrlReferenceProblems } from "./config-slack-checks";
import type { ConfigTree } from "./presets";

/** Which secret config keys are set, so validation can demand the ones the config refers to. */
export type SecretPresence = {
    smtpPassword: boolean;
    slackWebhookUrl: boolean;
    /** Receivers (alerting.receivers keys) with a URL of their own in slackWebhookUrls. */
    slackWebhookUrls?: string[];
    webhookUrls: string[];
    chartRepositoryPassword?: boolean;
    /** Plain keys (without the namespace) the user stored with `pulumi config set --secret`. */
    storedAsSecret?: string[];
};

const K = (key: string) => `${CONFIG_NAMESPACE}:${key}`;

/** How to set one entry of the secret maps. */
const SECRET_MAP_PATHS: Record<string, string> = {
    webhookUrls: "--path webhookUrls.<name>",
    slackWebhookUrls: "--path slackWebhookUrls.<receiver>",
};

/** The form of each secret value, checked without quoting it. */
export function secretFormProblems(raw: Record<string, string>): string[] {
    const problems: string[] = slackUrlFormProblems(raw, parseJson);
    const url = /^https?:\/\/\S+$/;
    if (raw.chartRepositoryPassword !== undefined && raw.chartRepositoryPassword === "") {
        problems.push(`${K("chartRepositoryPassword")}: expected the chart repository's password, not an empty value`);
    }
    if (raw.webhookUrls !== undefined) {
        const urls = parseJson(raw.webhookUrls);
        if (!isTree(urls)) {
            problems.push(`${K("webhookUrls")}: expected a secret map of webhook name to URL (pulumi config set --secret --path webhookUrls.<name> https://...)`);
        }
        for (const [name, value] of Object.entries(isTree(urls) ? urls : {})) {
            if (typeof value !== "string" || !url.test(value)) {
                problems.push(`${K(`webhookUrls.${name}`)}: expected an http(s) URL (value not shown: it is a secret)`);
            }
        }
    }
    return problems;
}

/** Secret keys the merged (not necessarily valid) config refers to but that are not set. */
export function missingSecrets(merged: ConfigTree, secrets: SecretPresence): string[] {
    const problems = slackUrlReferenceProblems(merged, secrets.slackWebhookUrl, secrets.slackWebhookUrls ?? []);
    const alerting = isTree(merged.alerting) ? merged.alerting : {};
    for (const w of Array.isArray(alerting.webhooks) ? alerting.webhooks : []) {
        if (isTree(w) && typeof w.name === "string" && !secrets.webhookUrls.includes(w.name)) {
            problems.push(`${K(`webhookUrls.${w.name}`)}: required for alerting.webhooks "${w.name}"; expected a secret URL (pulumi config set --secret --path webhookUrls.${w.name} https://...)`);
        }
    }
    return [...problems, ...repositoryCredentialProblems(merged, secrets)];
}

/** A chart repository user name and its secret password come together, for http and oci mirrors. */
function repositoryCredentialProblems(merged: ConfigTree, secrets: SecretPresence): string[] {
    const charts = isTree(merged.mirrors) && isTree(merged.mirrors.charts) ? merged.mirrors.charts : undefined;
    const remote = charts?.kind === "http" || charts?.kind === "oci";
    const hasPassword = secrets.chartRepositoryPassword === true;
    if (hasPassword && !remote) {
        return [`${K("chartRepositoryPassword")}: only used with mirrors.charts of kind http or oci; unset it (pulumi config rm chartRepositoryPassword) or configure such a mirror`];
    }
    if (remote && charts?.username !== undefined && !hasPassword) {
        return [`${K("chartRepositoryPassword")}: required when mirrors.charts.username is set; expected the repository password as a secret (pulumi config set --secret chartRepositoryPassword ...)`];
    }
    if (remote && charts?.username === undefined && hasPassword) {
        return [`${K("mirrors.charts.username")}: required when chartRepositoryPassword is set; expected the repository user name such as ci-robot`];
    }
    return [];
}

/**
 * Plain keys stored as secrets whose values the program writes into Helm values, ConfigMaps and
 * object specs: they would lose their secret marking there, so they are refused, not downgraded.
 * And secret keys set without --secret, whose value then sits in the clear in the stack file.
 */
export function storedSecretProblems(raw: Record<string, string>, secrets: SecretPresence): string[] {
    if (secrets.storedAsSecret === undefined) {
        return [];
    }
    const stored = secrets.storedAsSecret;
    const plain = SECRET_KEYS.filter((key) => raw[key] !== undefined && !stored.includes(key)).map(
        (key) => `${K(key)}: expected a secret, but it is stored in the clear in the stack file; set it again with pulumi config set --secret ${SECRET_MAP_PATHS[key] ?? key} ...`,
    );
    return [...plain, ...downgradedSecretProblems(stored)];
}

function downgradedSecretProblems(stored: string[]): string[] {
    return stored
        .filter((key) => !SECRET_CAPABLE_KEYS.has(key) && !(SECRET_KEYS as readonly string[]).includes(key))
        .map((key) => `${K(key)}: stored as a secret, but its values are written into plain Helm values and object specs, where they would no longer be secret; set it without --secret (${SECRET_KEYS.join(", ")} and kubernetes are the keys kept secret)`);
}

export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
