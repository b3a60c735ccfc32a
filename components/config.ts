/**
 * The one typed stack config. Reads the stack's `observability:*` keys once, merges them over
 * the environment preset, validates everything and reports every problem at once, naming the
 * config key and the expected form, before a single resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { APP_DEFAULTS, COMMON_DEFAULTS, ConfigTree, OBJECT_STORAGE_DEFAULTS, PRESETS } from "./presets";
import { CONFIG_NAMESPACE, describeIssue, fallbackMessage, isTree } from "./config-issues";
import { unknownKeyMessage } from "./config-keys";
import { missingSecrets, parseJson, SecretPresence, secretFormProblems, storedSecretProblems } from "./config-secret-checks";
import { quoteValue, SECRET_KEYS, storedAsSecret } from "./config-secrets";
import { StackConfig, stackConfigSchema } from "./schema";

export type { StackConfig } from "./schema";
export type { SecretPresence } from "./config-secret-checks";

export { CONFIG_NAMESPACE, SECRET_KEYS };

/** Keys whose value is a plain string; every other key holds a YAML object or list. */
const SCALAR_KEYS = new Set(["environment", "namespace"]);

/** Raised when the stack config is invalid; `problems` lists each one with its key. */
export class ConfigError extends Error {
    constructor(public readonly problems: string[], stack: string) {
        super(
            `Invalid stack config for stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** The validated config plus the secrets, which stay Pulumi secrets throughout. */
export interface LoadedConfig {
    stack: string;
    config: StackConfig;
    secrets: {
        /** Provided SMTP password; generated when absent. */
        smtpPassword?: pulumi.Output<string>;
        /** The shared Slack incoming-webhook URL, for receivers without one of their own. */
        slackWebhookUrl?: pulumi.Output<string>;
        /** Slack incoming-webhook URLs of their own, by receiver (alerting.receivers key). */
        slackWebhookUrls: Record<string, pulumi.Output<string>>;
        /** Webhook URLs by webhook name. */
        webhookUrls: Record<string, pulumi.Output<string>>;
        /** Password of the chart repository (mirrors.charts.username). */
        chartRepositoryPassword?: pulumi.Output<string>;
    };
    /** Plain keys the user stored as secrets (only SECRET_CAPABLE_KEYS pass validation). */
    storedAsSecret: string[];
}

/** Recursively merges `over` into `base`: objects merge, everything else (lists too) replaces. */
export function deepMerge(base: ConfigTree, over: ConfigTree): ConfigTree {
    const out: ConfigTree = { ...base };
    for (const [key, value] of Object.entries(over)) {
        const prior = out[key];
        out[key] = isTree(prior) && isTree(value) ? deepMerge(prior, value) : value;
    }
    return out;
}

/**
 * Pure resolution: raw `observability:*` values (as Pulumi stores them: strings, objects as
 * JSON) to a validated StackConfig. Throws ConfigError listing every problem.
 */
export function resolveConfig(raw: Record<string, string>, stack: string, secrets: SecretPresence): StackConfig {
    const problems: string[] = [];
    const tree: ConfigTree = {};
    const known = [...Object.keys(stackConfigSchema.shape), ...SECRET_KEYS];
    for (const [key, text] of Object.entries(raw)) {
        if (!known.includes(key)) {
            problems.push(`${CONFIG_NAMESPACE}:${key}: ${unknownKeyMessage([], key, known)}`);
        } else if (!(SECRET_KEYS as readonly string[]).includes(key)) {
            const parsed = parseValue(key, text);
            parsed.ok ? (tree[key] = parsed.value) : problems.push(parsed.problem);
        }
    }
    problems.push(...secretFormProblems(raw), ...storedSecretProblems(raw, secrets));
    const environment = tree.environment ?? stack;
    const preset = PRESETS[environment as keyof typeof PRESETS];
    if (preset === undefined) {
        problems.push(`${CONFIG_NAMESPACE}:environment: expected one of dev, prod (or a stack named dev or prod), got ${quoteValue(environment)}`);
    }
    // Without a known environment the rest is still checked, over the lenient dev preset, so
    // one run lists every problem.
    const merged = deepMerge(deepMerge(COMMON_DEFAULTS, preset ?? PRESETS.dev), { ...tree, environment: preset === undefined ? "dev" : environment });
    if (Array.isArray(merged.apps)) {
        merged.apps = merged.apps.map((a) => (isTree(a) ? deepMerge(APP_DEFAULTS, a) : a));
    }
    if (isTree(merged.objectStorage)) {
        merged.objectStorage = deepMerge(OBJECT_STORAGE_DEFAULTS, merged.objectStorage);
    }
    const result = stackConfigSchema.safeParse(merged, { error: fallbackMessage });
    if (!result.success) {
        // A kubeconfig may be the file's contents, with its tokens.
        const secretPaths = ["kubernetes.kubeconfig", ...(secrets.storedAsSecret ?? [])];
        problems.push(...result.error.issues.map((i) => describeIssue(i, merged, stackConfigSchema, secretPaths)));
    }
    problems.push(...missingSecrets(merged, secrets));
    if (problems.length > 0 || !result.success) {
        throw new ConfigError(problems, stack);
    }
    return result.data as StackConfig;
}

function parseValue(key: string, text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
    if (SCALAR_KEYS.has(key)) {
        return { ok: true, value: text };
    }
    const value = parseJson(text);
    return value === undefined
        ? { ok: false, problem: `${CONFIG_NAMESPACE}:${key}: expected a YAML object or list, got ${quoteValue(text)}` }
        : { ok: true, value };
}

/** Reads the current stack's config through Pulumi and resolves it. Call once, from index.ts. */
export function loadConfig(): LoadedConfig {
    const stack = pulumi.getStack();
    const prefix = `${CONFIG_NAMESPACE}:`;
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = value;
        }
    }
    const webhookNames = secretMapNames(raw.webhookUrls);
    const slackNames = secretMapNames(raw.slackWebhookUrls);
    const secretKeys = storedAsSecret(Object.keys(raw), CONFIG_NAMESPACE);
    const config = resolveConfig(raw, stack, {
        smtpPassword: raw.smtpPassword !== undefined,
        slackWebhookUrl: raw.slackWebhookUrl !== undefined,
        slackWebhookUrls: slackNames,
        webhookUrls: webhookNames,
        chartRepositoryPassword: raw.chartRepositoryPassword !== undefined,
        storedAsSecret: secretKeys,
    });
    const cfg = new pulumi.Config(CONFIG_NAMESPACE);
    return {
        stack,
        config,
        secrets: {
            smtpPassword: cfg.getSecret("smtpPassword"),
            slackWebhookUrl: cfg.getSecret("slackWebhookUrl"),
            slackWebhookUrls: secretMap(cfg, "slackWebhookUrls", slackNames),
            webhookUrls: secretMap(cfg, "webhookUrls", webhookNames),
            chartRepositoryPassword: cfg.getSecret("chartRepositoryPassword"),
        },
        storedAsSecret: secretKeys,
    };
}

/** The entry names of a secret map key (webhookUrls, slackWebhookUrls); none when unset or malformed. */
function secretMapNames(text: string | undefined): string[] {
    const map = text === undefined ? {} : parseJson(text);
    return isTree(map) ? Object.keys(map) : [];
}

/** Each entry of a secret map as its own Pulumi secret. */
function secretMap(cfg: pulumi.Config, key: string, names: string[]): Record<string, pulumi.Output<string>> {
    if (names.length === 0) {
        return {};
    }
    const map = cfg.requireSecretObject<Record<string, string>>(key);
    return Object.fromEntries(names.map((n) => [n, pulumi.secret(map.apply((m) => m[n]))]));
}
