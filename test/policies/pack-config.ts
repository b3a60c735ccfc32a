/** The per-stack policy config files (policies/config/<stack>.json), as the CLI reads them. */
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackConfig } from "@pulumi/policy";

export const POLICY_CONFIG_DIR = path.resolve(__dirname, "..", "..", "policies", "config");

export function packConfig(stack: string): PolicyPackConfig {
    return JSON.parse(fs.readFileSync(path.join(POLICY_CONFIG_DIR, `${stack}.json`), "utf8"));
}

/** One policy's properties for a stack, without its enforcementLevel (what getConfig returns). */
export function policyConfig(stack: string, policy: string): Record<string, any> {
    const entry = packConfig(stack)[policy];
    if (entry === undefined || typeof entry === "string") {
        return {};
    }
    const { enforcementLevel: _level, ...props } = entry;
    return props;
}
