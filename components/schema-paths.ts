/**
 * Reading the stack schema at a config path, for messages: the valid keys of an object, and the
 * expected form of a string field when it was given something else than a string.
 */
import { z } from "zod";

type Def = {
    type: string;
    shape?: Record<string, z.ZodType>;
    innerType?: z.ZodType;
    element?: z.ZodType;
    valueType?: z.ZodType;
    options?: z.ZodType[];
    out?: z.ZodType;
    in?: z.ZodType;
    checks?: { _zod: { def: { error?: unknown } } }[];
    /** An object's schema for keys its shape does not name (alerting.receivers' named receivers). */
    catchall?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The schemas found by following `path` through `schema`, wrappers removed, reading the config
 * `value` to pick a union's member (mirrors.charts by its kind).
 */
export function schemasAt(schema: z.ZodType, path: PropertyKey[], value: unknown): z.ZodType[] {
    const def = defOf(schema);
    switch (def.type) {
        case "optional":
        case "default":
        case "nullable":
        case "readonly":
            return schemasAt(def.innerType!, path, value);
        case "pipe":
            return schemasAt(defOf(def.in!).type === "transform" ? def.out! : def.in!, path, value);
        case "union":
            return unionMembers(def.options!, value).flatMap((o) => schemasAt(o, path, value));
    }
    if (path.length === 0) {
        return [schema];
    }
    const [head, ...rest] = path;
    const child = (value as Record<PropertyKey, unknown> | undefined)?.[head];
    const next = def.type === "object" ? def.shape![String(head)] ?? catchallOf(def) : def.type === "array" ? def.element : def.type === "record" ? def.valueType : undefined;
    return next === undefined ? [] : schemasAt(next, rest, child);
}

/** An object's catchall schema; zod gives strict objects a `never` one, which names no keys. */
function catchallOf(def: Def): z.ZodType | undefined {
    return def.catchall !== undefined && defOf(def.catchall).type !== "never" ? def.catchall : undefined;
}

/** The keys of the object at `path`. */
export function keysAt(schema: z.ZodType, path: PropertyKey[], value: unknown): string[] {
    const keys = schemasAt(schema, path, value).flatMap((s) => Object.keys(defOf(s).shape ?? {}));
    return [...new Set(keys)];
}

/**
 * The message a string field at `path` states its form with ("expected a DNS label such as
 * ..."), preferring one with an example.
 */
export function stringFormAt(schema: z.ZodType, path: PropertyKey[], value: unknown): string | undefined {
    const messages = schemasAt(schema, path, value)
        .filter((s) => defOf(s).type === "string")
        .flatMap((s) => (defOf(s).checks ?? []).map((check) => check._zod.def.error))
        .map((error) => (typeof error === "function" ? error({}) : error))
        .filter((m): m is string => typeof m === "string" && m.startsWith("expected "));
    return messages.find((m) => m.includes(" such as ")) ?? messages[0];
}

/** The members of a discriminated union that match the value's `kind`, or all of them. */
function unionMembers(options: z.ZodType[], value: unknown): z.ZodType[] {
    const kind = (value as { kind?: unknown } | undefined)?.kind;
    const member = options.find((o) => {
        const literal = defOf(o).shape?.kind;
        return literal !== undefined && (defOf(literal) as unknown as { values?: unknown[] }).values?.includes(kind) === true;
    });
    return member === undefined ? options : [member];
}
