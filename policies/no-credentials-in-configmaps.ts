/** ConfigMaps never carry passwords, tokens or keys (grafana.ini, datasources, Loki config). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isLiteralSecret, isSecretName, urlHasPassword } from "./lib/credentials";
import { dataEntries, parseIni, parseMapping } from "./lib/documents";
import { isObject, objectName, TYPES } from "./lib/k8s";

export interface ConfigMapCredentialConfig {
    /** Dotted paths ("<data key>:<path>") exempt from this check. */
    allowedPaths: string[];
}

export const CONFIGMAP_CREDENTIAL_DEFAULTS: ConfigMapCredentialConfig = { allowedPaths: [] };

export const noCredentialsInConfigMaps: ResourceValidationPolicy = {
    name: "no-credentials-in-configmaps",
    description: "No ConfigMap holds a literal password, secret, token or key, such as grafana.ini's admin_password or a datasource's basicAuthPassword.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedPaths: { type: "array", items: { type: "string" }, default: CONFIGMAP_CREDENTIAL_DEFAULTS.allowedPaths, description: "Paths written <data key>:<dotted path> exempt from this check." },
        },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.configMap) {
            return;
        }
        const { allowedPaths } = configWithDefaults(CONFIGMAP_CREDENTIAL_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        for (const [key, text] of Object.entries(dataEntries(args.type, args.props))) {
            const found = isSecretName(key) && isLiteralSecret(text) ? [key] : literalSecretPaths(text).map((p) => `${key}:${p}`);
            for (const path of found.filter((p) => !allowedPaths.includes(p))) {
                reportViolation(
                    `ConfigMap ${name} holds a literal credential at ${path}; ConfigMaps are readable by anyone who can read the namespace. ` +
                        "Move it to a Secret and reference it ($__file{...} in grafana.ini, secureJsonData from a Secret, an existingSecret value, or a *_file setting).",
                );
            }
        }
    },
};

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
