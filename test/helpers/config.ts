/** Stack config for tests: the real Pulumi.<stack>.yaml files, optionally with overrides. */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import * as assert from "assert";
import { CONFIG_NAMESPACE, ConfigError, deepMerge, resolveConfig, SecretPresence, StackConfig } from "../../components/config";
import type { ConfigTree } from "../../components/presets";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The stack file's `observability:*` keys as plain data (key without the namespace). */
export function stackFileConfig(stack: string): ConfigTree {
    const file = YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
    const out: ConfigTree = {};
    for (const [key, value] of Object.entries(file.config ?? {})) {
        if (key.startsWith(`${CONFIG_NAMESPACE}:`)) {
            out[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
        }
    }
    return out;
}

/** Config data as Pulumi hands it to a program: strings, with objects as JSON. */
export function toRaw(tree: ConfigTree): Record<string, string> {
    return Object.fromEntries(
        Object.entries(tree).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

/**
 * The stack file with `overrides` merged over it (objects merge, lists replace; a key set to
 * `undefined` is removed), as raw Pulumi config.
 */
export function rawStackConfig(stack: string, overrides: ConfigTree = {}): Record<string, string> {
    const merged = deepMerge(stackFileConfig(stack), overrides);
    return toRaw(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
}

const NO_SECRETS: SecretPresence = { smtpPassword: false, slackWebhookUrl: false, webhookUrls: [] };

/** The resolved StackConfig for a stack file plus overrides. */
export function stackConfig(stack: string, overrides: ConfigTree = {}, secrets: SecretPresence = NO_SECRETS): StackConfig {
    return resolveConfig(rawStackConfig(stack, overrides), stack, secrets);
}

/** The problem line naming `key` (without the namespace) from the ConfigError the config raises. */
export function configProblem(overrides: ConfigTree, key: string, stack = "dev"): string {
    try {
        stackConfig(stack, overrides);
    } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        const line = error.problems.find((p) => p.startsWith(`${CONFIG_NAMESPACE}:${key}:`));
        assert.ok(line, `no problem names ${CONFIG_NAMESPACE}:${key}:\n${error.message}`);
        return line;
    }
    return assert.fail("the config was accepted");
}
