/**
 * The policy pack inside the engine, as pull requests run it: what a preview reported per policy.
 */
import type { CommandResult } from "./pulumi";

/** Lines where the engine says a policy could not run (an unknown value turned into a skip). */
export const skipped = (r: CommandResult) => (r.stdout + r.stderr).split("\n").filter((l) => /can't run policy/.test(l));

/**
 * The policies with mandatory violations in a preview's report, whose lines read
 * `[mandatory]  <pack> v<version>  <policy> (<type>: <resource>)`.
 */
export function mandatoryViolations(r: CommandResult): string[] {
    return [...(r.stdout + r.stderr).matchAll(/\[mandatory\].*?\s([a-z0-9-]+) \(/g)].map((m) => m[1]);
}
