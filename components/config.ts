/**
 * The one typed stack config. Reads the stack's `observability:*` keys once, merges them over
 * the environment preset, validates everything and reports every problem at once, naming the
 * config key and the expected form, before a single resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { APP_DEFAULTS, COMMON_DEFAULTS, ConfigTree, PRESETS } from "./presets";
import { CONFIG_NAMESPACE, describeIssue, isTree } from "./config-issues";
import { StackConfig, stackConfigSchema } from "./schema";

export type { StackConfig } from "./schema";

export { CONFIG_NAMESPACE };

/** Keys that only ever hold secrets; read as Pulumi secrets, never validated into plain data. */
export const SECRET_KEYS = ["smtpPassword", "slackWebhookUrl", "webhookUrls"] as const;

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

/** Which secret config keys are set, so validation can demand the ones the config refers to. */
export type SecretPresence = { smtpPassword: boolean; slackWebhookUrl: boolean; webhookUrls: string[] };

/** The validated config plus the secrets, which stay Pulumi secrets throughout. */
export interface LoadedConfig {
    stack: string;
    config: StackConfig;
    secrets: {
        /** Provided SMTP password; generated when absent. */
        smtpPassword?: pulumi.Output<string>;
        slackWebhookUrl?: pulumi.Output<string>;
        /** Webhook URLs by webhook name. */
        webhookUrls: Record<string, pulumi.Output<string>>;
    };
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
    const known = new Set([...Object.keys(stackConfigSchema.shape), ...SECRET_KEYS]);
    for (const [key, text] of Object.entries(raw)) {
        if (!known.has(key)) {
            problems.push(`${CONFIG_NAMESPACE}:${key}: unknown key; expected one of ${[...known].sort().join(", ")}`);
        } else if (!(SECRET_KEYS as readonly string[]).includes(key)) {
            const parsed = parseValue(key, text);
            parsed.ok ? (tree[key] = parsed.value) : problems.push(parsed.problem);
        }
    }
    problems.push(...secretFormProblems(raw));
    const environment = tree.environment ?? stack;
    const preset = PRESETS[environment as keyof typeof PRESETS];
    if (preset === undefined) {
        problems.push(`${CONFIG_NAMESPACE}:environment: expected one of dev, prod (or a stack named dev or prod), got "${String(environment)}"`);
        throw new ConfigError(problems, stack);
    }
    const merged = deepMerge(deepMerge(COMMON_DEFAULTS, preset), { ...tree, environment });
    if (Array.isArray(merged.apps)) {
        merged.apps = merged.apps.map((a) => (isTree(a) ? deepMerge(APP_DEFAULTS, a) : a));
    }
    const result = stackConfigSchema.safeParse(merged);
    if (!result.success) {
        problems.push(...result.error.issues.map((i) => describeIssue(i, merged)));
    } else {
        problems.push(...missingSecrets(result.data, secrets));
    }
    if (problems.length > 0) {
        throw new ConfigError(problems, stack);
    }
    return result.data as StackConfig;
}

function parseValue(key: string, text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
    if (SCALAR_KEYS.has(key)) {
        return { ok: true, value: text };
    }
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch {
        return { ok: false, problem: `${CONFIG_NAMESPACE}:${key}: expected a YAML object or list, got "${text}"` };
    }
}

/** Secret values are checked for form only, and never echoed back in a message. */
function secretFormProblems(raw: Record<string, string>): string[] {
    const problems: string[] = [];
    const url = /^https?:\/\/\S+$/;
    if (raw.slackWebhookUrl !== undefined && !url.test(raw.slackWebhookUrl)) {
        problems.push(`${CONFIG_NAMESPACE}:slackWebhookUrl: expected an https:// Slack incoming-webhook URL (value not shown: it is a secret)`);
    }
    if (raw.webhookUrls !== undefined) {
        const urls = safeJson(raw.webhookUrls);
        if (!isTree(urls)) {
            problems.push(`${CONFIG_NAMESPACE}:webhookUrls: expected a secret map of webhook name to URL (pulumi config set --secret --path webhookUrls.<name> https://...)`);
        }
        for (const [name, value] of Object.entries(isTree(urls) ? urls : {})) {
            if (typeof value !== "string" || !url.test(value)) {
                problems.push(`${CONFIG_NAMESPACE}:webhookUrls.${name}: expected an http(s) URL (value not shown: it is a secret)`);
            }
        }
    }
    return problems;
}

/** Receivers that name Slack or webhooks need the matching secret keys. */
function missingSecrets(c: StackConfig, secrets: SecretPresence): string[] {
    const problems: string[] = [];
    const usesSlack = Object.values(c.alerting.receivers).some((r) => r.slackChannel !== undefined);
    if (usesSlack && !secrets.slackWebhookUrl) {
        problems.push(`${CONFIG_NAMESPACE}:slackWebhookUrl: required when a receiver sets slackChannel; expected a secret Slack incoming-webhook URL (pulumi config set --secret slackWebhookUrl https://hooks.slack.com/...)`);
    }
    for (const w of c.alerting.webhooks) {
        if (!secrets.webhookUrls.includes(w.name)) {
            problems.push(`${CONFIG_NAMESPACE}:webhookUrls.${w.name}: required for alerting.webhooks "${w.name}"; expected a secret URL (pulumi config set --secret --path webhookUrls.${w.name} https://...)`);
        }
    }
    return problems;
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
    const urls = raw.webhookUrls === undefined ? {} : safeJson(raw.webhookUrls);
    const webhookNames = isTree(urls) ? Object.keys(urls) : [];
    const config = resolveConfig(raw, stack, {
        smtpPassword: raw.smtpPassword !== undefined,
        slackWebhookUrl: raw.slackWebhookUrl !== undefined,
        webhookUrls: webhookNames,
    });
    const cfg = new pulumi.Config(CONFIG_NAMESPACE);
    const webhookUrls = cfg.getSecretObject<Record<string, string>>("webhookUrls");
    return {
        stack,
        config,
        secrets: {
            smtpPassword: cfg.getSecret("smtpPassword"),
            slackWebhookUrl: cfg.getSecret("slackWebhookUrl"),
            webhookUrls: Object.fromEntries(webhookNames.map((n) => [n, pulumi.secret(webhookUrls!.apply((m) => m[n]))])),
        },
    };
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
