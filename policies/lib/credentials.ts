/**
 * What a plaintext credential looks like: field and variable names, values that are references
 * rather than secrets, and URLs that carry a token.
 */

import { parseIni, parseMapping } from "./documents";
import { isObject } from "./k8s";

/** snake_case for a camelCase or kebab-case name ("basicAuthPassword" -> "basic_auth_password"). */
export function snakeCase(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[-.\s]+/g, "_")
        .toLowerCase();
}

/**
 * Names that hold a secret value. The name must END with the secret word, so `password_file`,
 * `token_url` or `secretName` (which point at a secret) are not matches. An S3 access key id is
 * half of the key pair object stores sign with (AWS_ACCESS_KEY_ID, Loki's access_key_id), so it
 * counts too: the pair belongs in the credentials Secret together.
 */
const SECRET_NAME = /(^|_)(password|passwd|pass|secret|secret_key|client_secret|token|api_key|apikey|access_key|access_key_id|private_key|credentials?|auth_key|webhook_url)$/;

/** Names that point at a Secret object by name (the charts' existingSecret convention). */
const SECRET_POINTER = /^existing_/;

export function isSecretName(name: string): boolean {
    const snake = snakeCase(name);
    return SECRET_NAME.test(snake) && !SECRET_POINTER.test(snake);
}

/**
 * Values that are references to a secret, not the secret: Grafana's `$__file{}`/`$__env{}`,
 * environment expansion (`${VAR}`, `$VAR`), Kubernetes' dependent env `$(VAR)` (the kubelet
 * substitutes another variable of the container, e.g. one from a secretKeyRef) and a script's
 * `$(cat /run/secrets/x)`, Go templates
 * and Helm leftovers.
 */
export function isReference(value: string): boolean {
    const v = value.trim();
    return /^\$__(file|env|vault)\{[^}]*\}$/.test(v) || /^\$\{[^}]+\}$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
        /^\$\([^()]+\)$/.test(v) || /^\{\{.*\}\}$/.test(v);
}

/** A URL with a password in its user info ("postgres://app:hunter2@db:5432/app"); references do not count. */
export function urlHasPassword(value: unknown): boolean {
    if (typeof value !== "string" || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) {
        return false;
    }
    try {
        const password = decodeURIComponent(new URL(value.trim()).password);
        return password !== "" && !isReference(password);
    } catch {
        return false;
    }
}

/** A literal secret: a non-empty string that is not a reference. */
export function isLiteralSecret(value: unknown): value is string {
    return typeof value === "string" && value.trim() !== "" && !isReference(value);
}

/** Hosts whose webhook URLs are the credential themselves. */
const SECRET_URL_HOSTS = [/(^|\.)hooks\.slack\.com$/, /(^|\.)discord(app)?\.com$/, /\.webhook\.office\.com$/, /(^|\.)outlook\.office\.com$/];

/**
 * Whether a URL carries a credential: user info, a token-like query parameter, a known
 * secret-bearing webhook host, or a long opaque path segment (a token in the path).
 */
export function urlCarriesCredential(raw: string): boolean {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        return false;
    }
    if (url.username !== "" || url.password !== "") {
        return true;
    }
    if ([...url.searchParams.keys()].some((k) => /(token|key|secret|sig|signature|code|auth|password|pass)/i.test(k))) {
        return true;
    }
    if (SECRET_URL_HOSTS.some((h) => h.test(url.hostname))) {
        return true;
    }
    return url.pathname.split("/").some((seg) => seg.length >= 20 && /[0-9]/.test(seg) && /[A-Za-z]/.test(seg) && /^[A-Za-z0-9_-]+$/.test(seg));
}

/**
 * Dotted paths of literal credentials in a YAML/JSON or INI text: credential-named fields,
 * anything under a Grafana datasource's `secureJsonData` (httpHeaderValue1 and the like are
 * secrets by Grafana's definition) and URLs with a password in them.
 */
export function literalSecretPaths(text: string): string[] {
    const doc = parseMapping(text);
    if (doc !== undefined) {
        const found: string[] = [];
        walk(doc, "", false, found);
        return found;
    }
    return Object.entries(parseIni(text))
        .filter(([path, value]) => (isSecretName(path.split(".").pop() ?? path) && isLiteralSecret(unquote(value))) || urlHasPassword(unquote(value)))
        .map(([path]) => path);
}

function walk(node: unknown, path: string, secure: boolean, found: string[]): void {
    if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${path}[${i}]`, secure, found));
    } else if (isObject(node)) {
        for (const [key, value] of Object.entries(node)) {
            const here = path === "" ? key : `${path}.${key}`;
            if (((secure || isSecretName(key)) && isLiteralSecret(value)) || urlHasPassword(value)) {
                found.push(here);
            }
            walk(value, here, secure || key === "secureJsonData", found);
        }
    }
}

function unquote(value: string): string {
    return value.replace(/^(["'`])(.*)\1$/, "$2");
}
