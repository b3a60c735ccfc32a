/**
 * What the Prometheus Operator (v0.93.1, the kube-prometheus-stack pin's appVersion) writes into
 * the Prometheus configuration for a Prometheus object's `spec.remoteWrite`: read off
 * pkg/prometheus/promcfg.go at that tag (GenerateRemoteWriteConfig, addBasicAuthToYaml,
 * addAuthorizationToYaml). The operator reads the referenced Secret keys itself and writes their
 * values into the generated configuration, which it keeps in a Secret (`prometheus-<name>`,
 * prometheus.yaml.gz); nothing of them is in the Prometheus object. Fields this model does not
 * cover make it throw, so a program change that starts using one cannot pass unnoticed.
 */
type SecretKeyRef = { name: string; key: string };

/** One spec.remoteWrite entry (monitoring.coreos.com/v1 RemoteWriteSpec), the fields modelled. */
export interface RemoteWriteSpec {
    url: string;
    name?: string;
    headers?: Record<string, string>;
    basicAuth?: { username: SecretKeyRef; password: SecretKeyRef };
    authorization?: { type?: string; credentials?: SecretKeyRef };
}

const MODELLED = new Set(["url", "name", "headers", "basicAuth", "authorization"]);

/** The Secrets of the namespace by name, then key: what the operator's asset store reads. */
export type Secrets = Record<string, Record<string, string>>;

function secretValue(secrets: Secrets, ref: SecretKeyRef, what: string): string {
    const value = secrets[ref.name]?.[ref.key];
    if (value === undefined) {
        // The operator logs "invalid ... reference" and reconciles nothing for the object.
        throw new Error(`${what}: Secret ${ref.name} has no key ${ref.key}`);
    }
    return value;
}

/**
 * The `remote_write` section, with keys in the operator's order (url, headers, name,
 * basic_auth, authorization); headers sorted by name, as stringMapToMapSlice writes them.
 */
export function remoteWriteConfig(specs: RemoteWriteSpec[], secrets: Secrets): Record<string, unknown>[] {
    return specs.map((spec, i) => {
        const unmodelled = Object.keys(spec).filter((k) => !MODELLED.has(k));
        if (unmodelled.length > 0) {
            throw new Error(`spec.remoteWrite[${i}] sets ${unmodelled.join(", ")}, which this model of the operator does not cover`);
        }
        const at = `spec.remoteWrite[${i}]`;
        const headers = spec.headers ?? {};
        const auth = spec.authorization;
        return {
            url: spec.url,
            ...(Object.keys(headers).length > 0 ? { headers: Object.fromEntries(Object.keys(headers).sort().map((k) => [k, headers[k]])) } : {}),
            ...(spec.name ? { name: spec.name } : {}),
            ...(spec.basicAuth === undefined ? {} : {
                basic_auth: { username: secretValue(secrets, spec.basicAuth.username, `${at}.basicAuth.username`), password: secretValue(secrets, spec.basicAuth.password, `${at}.basicAuth.password`) },
            }),
            ...(auth === undefined ? {} : {
                authorization: { type: (auth.type ?? "Bearer").trim(), ...(auth.credentials === undefined ? {} : { credentials: secretValue(secrets, auth.credentials, `${at}.authorization.credentials`) }) },
            }),
        };
    });
}

/** The Secret keys spec.remoteWrite references, for a check that no other object carries their values. */
export function referencedSecretKeys(specs: RemoteWriteSpec[]): SecretKeyRef[] {
    return specs.flatMap((s) => [s.basicAuth?.username, s.basicAuth?.password, s.authorization?.credentials].filter((r): r is SecretKeyRef => r !== undefined));
}
