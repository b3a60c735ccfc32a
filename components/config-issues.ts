/**
 * Turning zod's issues into the messages a config author reads: the full key
 * (`observability:a.b.c`), the expected form, and the value that was given.
 */
import { z } from "zod";
import type { ConfigTree } from "./presets";

/** Config namespace: the project name in Pulumi.yaml. */
export const CONFIG_NAMESPACE = "observability";

/** A plain object (a YAML mapping), as opposed to a list or a scalar. */
export function isTree(v: unknown): v is ConfigTree {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One issue as `observability:a.b.c: expected ... (got ...)`. */
export function describeIssue(issue: z.core.$ZodIssue, tree: ConfigTree): string {
    const key = `${CONFIG_NAMESPACE}:${issue.path.map(String).join(".")}`;
    if (issue.code === "unrecognized_keys") {
        const where = issue.path.length > 0 ? `${key}.` : `${CONFIG_NAMESPACE}:`;
        return issue.keys.map((k) => `${where}${k}: unknown key; check its spelling against the configuration reference`).join("; ");
    }
    if (issue.code === "invalid_key") {
        const inner = issue.issues[0]?.message ?? "expected a valid key";
        return `${key}: ${inner} (got key ${JSON.stringify(issue.path[issue.path.length - 1])})`;
    }
    const got = valueAt(tree, issue.path);
    if (issue.code === "invalid_type") {
        const expected = TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
        return got === undefined ? `${key}: required; expected ${expected}` : `${key}: expected ${expected} (got ${JSON.stringify(got)})`;
    }
    // Messages state the expected form; the given value is quoted here, once, for every check.
    return `${key}: ${issue.message}${got === undefined || isTree(got) ? "" : ` (got ${JSON.stringify(got)})`}`;
}

/** zod's type names as a config author reads them. */
const TYPE_WORDS: Record<string, string> = {
    int: "a whole number",
    number: "a number",
    string: "a string",
    boolean: "true or false",
    array: "a list",
    object: "a YAML object",
};

function valueAt(tree: unknown, path: PropertyKey[]): unknown {
    return path.reduce<unknown>((node, k) => (node === null || typeof node !== "object" ? undefined : (node as Record<PropertyKey, unknown>)[k]), tree);
}
