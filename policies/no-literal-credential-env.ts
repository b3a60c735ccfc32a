/** Containers take passwords and tokens from Secrets, never from literal env values. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isLiteralSecret, isSecretName, urlHasPassword } from "./lib/credentials";
import { isObject, objectName } from "./lib/k8s";
import { workloadContainers } from "./lib/workloads";

export interface CredentialEnvConfig {
    /** Variable names that look like credentials but are not (exact names). */
    allowedNames: string[];
}

export const CREDENTIAL_ENV_DEFAULTS: CredentialEnvConfig = { allowedNames: [] };

export const noLiteralCredentialEnv: ResourceValidationPolicy = {
    name: "no-literal-credential-env",
    description: "No container sets an environment variable named like a password, secret or token to a literal value; such values come from a Secret.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedNames: { type: "array", items: { type: "string" }, default: CREDENTIAL_ENV_DEFAULTS.allowedNames, description: "Environment variable names exempt from this check." },
        },
    },
    validateResource: (args, reportViolation) => {
        const { allowedNames } = configWithDefaults(CREDENTIAL_ENV_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        for (const { where, container } of workloadContainers(args.type, args.props)) {
            const env = Array.isArray(container.env) ? container.env.filter(isObject) : [];
            for (const variable of env) {
                const varName = String(variable.name ?? "");
                if (allowedNames.includes(varName)) {
                    continue;
                }
                const what = literalCredential(varName, variable.value);
                if (what !== undefined) {
                    reportViolation(
                        `${name} ${where} sets env ${varName} to ${what}, which lands in the Pulumi state and the pod spec in plaintext; ` +
                            "store it in a Secret and use valueFrom.secretKeyRef (or the image's *_FILE variant with a mounted Secret).",
                    );
                }
            }
        }
    },
};

/**
 * What makes a variable a literal credential: a secret-like name with a literal value (a flag
 * such as ENABLE_TOKEN=true is not one), or any value that is a URL with a password in it
 * (DATABASE_URL=postgres://app:pw@db/app, GF_DATABASE_URL).
 */
function literalCredential(varName: string, value: unknown): string | undefined {
    if (isSecretName(varName) && isLiteralSecret(value) && !/^(true|false)$/i.test(value.trim())) {
        return "a literal value";
    }
    return urlHasPassword(value) ? "a URL with a literal password" : undefined;
}
