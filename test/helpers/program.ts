/**
 * Runs index.ts under mocks for a stack, as `pulumi up` would, and returns what it registered
 * and exported.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../components/config";
import { CONFIG_NAMESPACE } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { RecordingMocks } from "../mocks";
import { rawStackConfig } from "./config";
import { settle } from "./outputs";

export interface ProgramRun {
    mocks: RecordingMocks;
    /** index.ts's exports. */
    outputs: Record<string, pulumi.Output<unknown>>;
}

/** Secret config values as `pulumi config set --secret` stores them (plain key to value). */
export type SecretConfig = Record<string, string | Record<string, string>>;

/**
 * Evaluates the program for `stack` from its real stack file with optional overrides and
 * secret config. Throws whatever the program throws (a ConfigError for bad config).
 */
export async function runProgram(stack: string, overrides: ConfigTree = {}, secrets: SecretConfig = {}): Promise<ProgramRun> {
    const run = await evaluateProgram(stack, overrides, secrets);
    if (run.error !== undefined) {
        throw run.error;
    }
    return run;
}

/** Like runProgram, but hands back the error with the mocks, to check nothing was registered. */
export async function evaluateProgram(
    stack: string,
    overrides: ConfigTree = {},
    secrets: SecretConfig = {},
): Promise<ProgramRun & { error?: unknown }> {
    const mocks = new RecordingMocks();
    const raw = { ...rawStackConfig(stack, overrides) };
    for (const [key, value] of Object.entries(secrets)) {
        raw[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    const config = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v]));
    pulumi.runtime.setAllConfig(config, Object.keys(secrets).map((k) => `${CONFIG_NAMESPACE}:${k}`));
    await pulumi.runtime.setMocks(mocks, CONFIG_NAMESPACE, stack, false);
    const entry = require.resolve("../../index");
    delete require.cache[entry];
    try {
        const outputs = require(entry) as Record<string, pulumi.Output<unknown>>;
        await settle();
        return { mocks, outputs };
    } catch (error) {
        await settle();
        return { mocks, outputs: {}, error };
    }
}

/**
 * Evaluates a config the program must refuse, checks that it failed with a ConfigError before
 * registering any resource, and returns the problem line naming `key` (`observability:...`)
 * with the whole message.
 */
export async function rejectedProblem(
    stack: string,
    overrides: ConfigTree,
    key: string,
    secrets: SecretConfig = {},
): Promise<{ problem: string; message: string }> {
    const run = await evaluateProgram(stack, overrides, secrets);
    assert.ok(run.error instanceof ConfigError, `expected a ConfigError, got ${String(run.error)}`);
    const line = run.error.problems.find((p) => p.startsWith(`${key}:`));
    assert.ok(line, `no problem names ${key}:\n${run.error.message}`);
    assert.deepStrictEqual(run.mocks.resources.map((r) => r.type), [], "resources were registered");
    return { problem: line, message: run.error.message };
}
