/**
 * Turning zod's issues into the messages a config author reads: the full key
 * (`observability:a.b.c`), the expected form, and the value that was given, unless it may be a
 * credential.
 */
import { z } from "zod";
import { CREDENTIAL_KEY, unknownKeyMessage } from "./config-keys";
import { keysAt, stringFormAt } from "./schema-paths";
import { quoteValue as quoteValueOf } from "./config-secrets";
import type { ConfigTree } from "./presets";

/** Config namespace: the project name in Pulumi.yaml. */
export const CONFIG_NAMESPACE = "observability";

/** A plain object (a YAML mapping), as opposed to a list or a scalar. */
export function isTree(v: unknown): v is ConfigTree {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * One issue as `observability:a.b.c: expected ... (got ...)`; `schema` lists valid keys. Values
 * under a `secretPaths` prefix (a kubeconfig, a key stored with --secret) are never quoted.
 */
export function describeIssue(issue: z.core.$ZodIssue, tree: ConfigTree, schema: z.ZodType, secretPaths: string[] = []): string {
    const path = issue.path.map(String);
    const key = `${CONFIG_NAMESPACE}:${path.join(".")}`;
    const dotted = path.join(".");
    // A value at a credential-named key (remoteWrite's basicAuth.password given as a literal) is
    // never quoted either, whatever it looks like.
    const secret = secretPaths.some((p) => dotted === p || dotted.startsWith(`${p}.`)) || CREDENTIAL_KEY.test(path[path.length - 1] ?? "");
    const quoteValue = (v: unknown) => (secret ? "a value not shown: it is a secret" : quoteValueOf(v));
    if (issue.code === "unrecognized_keys") {
        const where = issue.path.length > 0 ? `${key}.` : `${CONFIG_NAMESPACE}:`;
        const valid = keysAt(schema, issue.path, tree);
        return issue.keys.map((k) => `${where}${k}: ${unknownKeyMessage(path, k, valid)}`).join("; ");
    }
    if (issue.code === "invalid_key") {
        const inner = issue.issues[0]?.message ?? "expected a valid key";
        return `${key}: ${inner} (got key ${quoteValue(issue.path[issue.path.length - 1])})`;
    }
    const got = valueAt(tree, issue.path);
    if (issue.code === "invalid_type") {
        const expected = TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
        // A string field states its form (a DNS label such as ...), which says more than "a string".
        const form = issue.expected === "string" ? stringFormAt(schema, issue.path, tree) : undefined;
        if (got === undefined) {
            return `${key}: required; ${form ?? `expected ${expected}`}`;
        }
        return `${key}: ${form ?? `expected ${expected}`} (got ${quoteValue(got)})`;
    }
    // Numbers beyond 2^53 are whole in JSON but not in JavaScript: say they are too large.
    const message = issue.code === "too_big" && issue.maximum === Number.MAX_SAFE_INTEGER
        ? `expected a whole number, and this one is too large (at most ${Number.MAX_SAFE_INTEGER})`
        : issue.message;
    // Messages state the expected form; the given value is quoted here, once, for every check.
    return `${key}: ${message}${got === undefined || isTree(got) ? "" : ` (got ${quoteValue(got)})`}`;
}

/**
 * Wording for a check that carries no message of its own, so zod's defaults ("Too small:
 * expected string to have >=1 characters") never reach a user. Pass as safeParse's `error`.
 */
export function fallbackMessage(issue: z.core.$ZodRawIssue): string {
    const i = issue as z.core.$ZodRawIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; values?: unknown[] };
    const unit = i.origin === "string" ? " characters" : i.origin === "array" ? " entries" : "";
    switch (i.code) {
        case "too_small":
            return i.origin === "string" && Number(i.minimum) === 1 ? "expected a non-empty value" : `expected at least ${String(i.minimum)}${unit}`;
        case "too_big":
            return `expected at most ${String(i.maximum)}${unit}`;
        case "invalid_value":
            return `expected one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
        case "not_multiple_of":
            return "expected a multiple of the documented step";
        default:
            return "expected the form the configuration reference gives for this key";
    }
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
