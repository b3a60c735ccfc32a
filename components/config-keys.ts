/**
 * What to tell a user about a key the schema does not know: the nearest valid key and the
 * valid keys of that object, or, for a key that looks like a credential, where credentials go
 * instead (plain config is stored in the clear in Pulumi.<stack>.yaml).
 */
import { SECRETS } from "./builders/secret-refs";

/** Key names that hold credentials. */
export const CREDENTIAL_KEY = /pass(word|wd|phrase)?$|secret|token|api[-_]?key|credential|private[-_]?key|(web)?hook[-_]?url|^auth$/i;

/** Under Slack receivers and webhooks, a URL is the credential itself. */
const CREDENTIAL_URL_PLACE = /^alerting\.(receivers|webhooks)\./;

const SECRET_KEYS_HINT =
    "credentials go in the secret keys smtpPassword, slackWebhookUrl, slackWebhookUrls.<receiver>, webhookUrls.<name> and chartRepositoryPassword (pulumi config set --secret ...)";

/** Where a credential-looking key belongs, by its place in the config. */
function credentialHint(path: string[], key: string): string {
    const where = [...path, key].join(".");
    if (/^alerting\.smtp\./.test(where)) {
        return "the SMTP password is the secret key smtpPassword (pulumi config set --secret smtpPassword ...), never plain config";
    }
    if (/^grafana\.admin/i.test(where)) {
        return `the Grafana admin password is generated into the Secret ${SECRETS.grafanaAdmin.name} (pulumi stack output grafanaAdminPassword --show-secrets); bump grafana.adminPasswordVersion to rotate it`;
    }
    if (/^alerting\.receivers\./.test(where) && !/slack/i.test(key)) {
        return "a webhook's URL is the secret key webhookUrls.<name> (pulumi config set --secret --path webhookUrls.<name> https://...), and the receiver names it in webhooks";
    }
    if (/^alerting\.receivers\./.test(where)) {
        return "the Slack incoming-webhook URL is the secret key slackWebhookUrl (pulumi config set --secret slackWebhookUrl https://hooks.slack.com/...), or a receiver's own slackWebhookUrls.<receiver> (pulumi config set --secret --path slackWebhookUrls.<receiver> https://hooks.slack.com/...)";
    }
    if (/^alerting\.webhooks\./.test(where)) {
        return "a webhook's URL is the secret key webhookUrls.<name> (pulumi config set --secret --path webhookUrls.<name> https://...)";
    }
    if (/^objectStorage\./.test(where)) {
        return "the object store's access key pair stays in the Secret that objectStorage.credentials names (kubectl -n <namespace> create secret generic <name> --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...)";
    }
    if (/^prometheus\.remoteWrite\./.test(where)) {
        return "remote-write credentials are Secret references: basicAuth.username, basicAuth.password and bearerToken each take {name, key} of a Secret in the stack's namespace";
    }
    if (/^mirrors\./.test(where)) {
        return "the repository password is the secret key chartRepositoryPassword (pulumi config set --secret chartRepositoryPassword ...), the user name mirrors.charts.username";
    }
    return `plain config is stored in the clear; ${SECRET_KEYS_HINT}, and the Grafana admin password is generated`;
}

/** The message for an unknown `key` inside the object at `path` (config keys without the namespace). */
export function unknownKeyMessage(path: string[], key: string, valid: string[]): string {
    if (CREDENTIAL_KEY.test(key) || (/url/i.test(key) && CREDENTIAL_URL_PLACE.test(`${path.join(".")}.`))) {
        return `not a plain config key: it looks like a credential, and ${credentialHint(path, key)}`;
    }
    const near = nearest(key, valid);
    const where = path.length === 0 ? "the stack config" : path.join(".");
    // caFile, tlsCa, caCert...: the store's own client settings, which take a path in the pod;
    // here the CA comes as a ConfigMap the program mounts at a path it chooses.
    if (path.join(".") === "objectStorage" && /^(ca|tls|cert|insecureSkip)/i.test(key) && near === undefined) {
        return `unknown key; a private CA for the store is objectStorage.caBundle {name, key}: a ConfigMap in the stack's namespace with the PEM bundle (kubectl -n <namespace> create configmap object-store-ca --from-file=ca.crt=<file>); valid keys of ${where}: ${[...valid].sort().join(", ")}`;
    }
    return `unknown key${near === undefined ? "" : ` (did you mean ${near}?)`}; valid keys of ${where}: ${[...valid].sort().join(", ")}`;
}

/** The valid key closest to `key` by edit distance, when it is close enough to be a typo. */
export function nearest(key: string, valid: string[]): string | undefined {
    let best: { key: string; distance: number } | undefined;
    for (const candidate of valid) {
        const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
        if (best === undefined || distance < best.distance) {
            best = { key: candidate, distance };
        }
    }
    return best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
            next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        row = next;
    }
    return row[b.length];
}
