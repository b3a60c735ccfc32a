/**
 * Which config values are secrets: the keys that only hold secrets, the keys the user stored
 * with `pulumi config set --secret`, and values that look like credentials wherever they sit,
 * which messages never echo.
 */
import * as pulumi from "@pulumi/pulumi";

/** Keys that only ever hold secrets; read as Pulumi secrets, never validated into plain data. */
export const SECRET_KEYS = ["smtpPassword", "slackWebhookUrl", "slackWebhookUrls", "webhookUrls", "chartRepositoryPassword"] as const;

/**
 * Plain keys that may be stored as secrets, and stay Pulumi secrets into every resource input
 * they reach: `kubernetes` holds a kubeconfig path or the file's contents (with its tokens),
 * and reaches the provider only (components/provider.ts).
 */
export const SECRET_CAPABLE_KEYS = new Set(["kubernetes"]);

/**
 * The `observability:*` keys (without the namespace) the user stored as secrets. The engine
 * hands the program the names of its secret keys (PULUMI_CONFIG_SECRET_KEYS) but allConfig()
 * returns every value as plain text; the SDK's own isConfigSecret reads that list (it is
 * exported at run time, though not in the type declarations).
 */
export function storedAsSecret(keys: string[], namespace: string): string[] {
    const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
    if (isSecret === undefined) {
        throw new Error("@pulumi/pulumi no longer exposes runtime.isConfigSecret: secret config could not be told apart");
    }
    return keys.filter((k) => isSecret(`${namespace}:${k}`));
}

/** A config value as a Pulumi secret when it was stored as one, else as it is. */
export function secretIf(value: string | undefined, secret: boolean): pulumi.Input<string> | undefined {
    return secret && value !== undefined ? pulumi.secret(value) : value;
}

/** URL user info (`user:pass@`), or a query parameter named like a credential. */
const CREDENTIAL_URL = /:\/\/[^/\s@]+@|[?&](token|key|secret|password|sig|signature|auth)=/i;
/** Paths of incoming-webhook services whose URL is itself the credential. */
const WEBHOOK_URL = /hooks\.slack\.com\/|discord(app)?\.com\/api\/webhooks|webhook\.office\.com|\/hooks?\/[A-Za-z0-9_-]{8,}/i;
/** A run of 20 or more token characters: an API key or password when it mixes letters and digits. */
const RANDOM_RUN = /[A-Za-z0-9+/=_-]{20,}/g;

/** Whether a given value may be a credential, so a message must not quote it. */
export function looksLikeCredential(value: unknown): boolean {
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
    if (CREDENTIAL_URL.test(text) || WEBHOOK_URL.test(text) || /^(xox[abpr]|ghp|glpat|sk)[-_]/.test(text)) {
        return true;
    }
    return [...text.matchAll(RANDOM_RUN)].some(([run]) => /\d/.test(run) && /[a-z]/i.test(run) && ((/[a-z]/.test(run) && /[A-Z]/.test(run)) || run.length >= 32));
}

/** A given value as a message quotes it: JSON, or a note when it may be a credential. */
export function quoteValue(value: unknown): string {
    return looksLikeCredential(value) ? "a value not shown: it looks like a credential" : JSON.stringify(value);
}
