/** Containers take passwords and tokens from Secrets, never from literal env values. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isLiteralSecret, isSecretName, urlHasPassword } from "./lib/credentials";
import { isObject, objectName } from "./lib/k8s";
import { at, reportingUnknowns, UNKNOWN, unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";
import { eachContainer, workloadContainers } from "./lib/workloads";

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
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { allowedNames } = configWithDefaults(CREDENTIAL_ENV_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        eachContainer(workloadContainers(args.type, args.props), name, reportViolation, ({ where, container }) => {
            const env = container.env;
            for (let i = 0; Array.isArray(env) && i < env.length; i++) {
                // One variable at a time: an unknown one is reported and the next still checked.
                reportingUnknowns(name, reportViolation, () => {
                    const variable = env[i];
                    const varName = isObject(variable) ? String(variable.name ?? "") : "";
                    if (!isObject(variable) || allowedNames.includes(varName)) {
                        return;
                    }
                    const value = at(variable, "value");
                    if (value === UNKNOWN && !isSecretName(varName)) {
                        // Only the value could show a password here (a connection URL), and a value
                        // computed from another resource's output is how a generated password gets
                        // into one: reported, with the allowlist as the way out for plain values.
                        reportViolation(unknownMessage(name, `${where} env ${varName}`, `if it never carries a password, list ${varName} in allowedNames; if it does, use valueFrom.secretKeyRef`));
                        return;
                    }
                    const what = literalCredential(varName, value);
                    if (what !== undefined) {
                        reportViolation(
                            `${name} ${where} sets env ${varName} to ${what}, which lands in the Pulumi state and the pod spec in plaintext; ` +
                                "store it in a Secret and use valueFrom.secretKeyRef (or the image's *_FILE variant with a mounted Secret).",
                        );
                    }
                });
            }
        });
    }),
};

/**
 * What makes a variable a literal credential: a secret-like name with a literal value (a flag
 * such as ENABLE_TOKEN=true is not one), or any value that is a URL with a password in it
 * (DATABASE_URL=postgres://app:pw@db/app, GF_DATABASE_URL). Called with an unknown value only
 * for a secret-like name.
 */
function literalCredential(varName: string, value: unknown): string | undefined {
    if (value === UNKNOWN) {
        // Decided from the known part, the name: a value computed from another resource's output
        // (a generated password) is still written into the pod spec as a literal.
        return "a value computed from another resource's output (not known during preview)";
    }
    if (isSecretName(varName) && isLiteralSecret(value) && !/^(true|false)$/i.test(value.trim())) {
        return "a literal value";
    }
    return urlHasPassword(value) ? "a URL with a literal password" : undefined;
}
