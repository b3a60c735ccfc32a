/** ConfigMaps never carry passwords, tokens or keys (grafana.ini, datasources, Loki config). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isLiteralSecret, isSecretName, literalSecretPaths } from "./lib/credentials";
import { dataEntries } from "./lib/documents";
import { objectName, TYPES } from "./lib/k8s";
import { unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

export interface ConfigMapCredentialConfig {
    /** Dotted paths ("<data key>:<path>") exempt from this check. */
    allowedPaths: string[];
}

export const CONFIGMAP_CREDENTIAL_DEFAULTS: ConfigMapCredentialConfig = { allowedPaths: [] };

const MOVE_IT = "ConfigMaps are readable by anyone who can read the namespace. " +
    "Move it to a Secret and reference it ($__file{...} in grafana.ini, secureJsonData from a Secret, an existingSecret value, or a *_file setting).";

export const noCredentialsInConfigMaps: ResourceValidationPolicy = {
    name: "no-credentials-in-configmaps",
    description: "No ConfigMap holds a literal password, secret, token or key, such as grafana.ini's admin_password or a datasource's basicAuthPassword.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedPaths: { type: "array", items: { type: "string" }, default: CONFIGMAP_CREDENTIAL_DEFAULTS.allowedPaths, description: "Paths written <data key>:<dotted path> exempt from this check." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.configMap) {
            return;
        }
        const { allowedPaths } = configWithDefaults(CONFIGMAP_CREDENTIAL_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const { entries, unknown } = dataEntries(args.type, args.props);
        for (const [key, text] of Object.entries(entries)) {
            const found = isSecretName(key) && isLiteralSecret(text) ? [key] : literalSecretPaths(text).map((p) => `${key}:${p}`);
            for (const path of found.filter((p) => !allowedPaths.includes(p))) {
                reportViolation(`ConfigMap ${name} holds a literal credential at ${path}; ${MOVE_IT}`);
            }
        }
        for (const { path, key } of unknown.filter((u) => u.key === undefined || !allowedPaths.includes(u.key))) {
            if (key !== undefined && isSecretName(key)) {
                // Decided from the known part, the key: whatever is computed into a key named like a
                // credential (a generated password) is a literal credential in the ConfigMap.
                reportViolation(`ConfigMap ${name} holds a literal credential at ${key}, computed from another resource's output (not known during preview); ${MOVE_IT}`);
            } else {
                // A text not known during preview has no known parts to search: reported, not passed.
                reportViolation(unknownMessage(`ConfigMap ${name}`, path, `render it from stack config, keeping credentials in Secrets${key === undefined ? "" : `, or list "${key}" in allowedPaths`}`));
            }
        }
    }),
};
