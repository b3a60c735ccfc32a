/**
 * Values that are not known during a preview. In the preview of a new stack, whatever is
 * computed from another resource's output (a generated password, a name read back from a
 * created object) reaches the pack as the engine's unknown sentinel. @pulumi/policy hands a
 * policy its props behind a proxy (proxy.ts, unknownCheckingProxy) that throws UnknownValueError
 * when a read lands on one, and its server turns an escaped throw into an advisory "can't run
 * policy during preview": the check is skipped, even for a mandatory policy.
 *
 * So policies pick the objects they govern from what is always known (the type token) and from
 * metadata read through `at` (an unknown label or name only means "not recognised"), read an
 * object's data only once it is theirs, and run their checks under `reportingUnknowns`: an
 * unknown a check needs becomes a violation saying so, never a silent pass nor a skip. A check
 * that can be decided from the known parts (a field is set, a variable is named like a password)
 * decides from them instead; each policy says where.
 */
import * as proxyModule from "@pulumi/policy/proxy";

/** What the server's proxy throws; the module is @internal, so its types are not published. */
interface UnknownValueError extends Error {
    /** Property path from the props root to the unknown value. */
    props: PropertyKey[];
}

const { UnknownValueError: UnknownValueErrorClass } = proxyModule as unknown as { UnknownValueError: new (...args: never[]) => UnknownValueError };

/** Stands for a value `at` found unknown. */
export const UNKNOWN: unique symbol = Symbol("not known during preview");

export function isUnknownValueError(e: unknown): e is UnknownValueError {
    return e instanceof UnknownValueErrorClass;
}

/**
 * The value at `path` under `node`: undefined where the path ends early (as `?.` would), UNKNOWN
 * where it reaches a value that is not known during preview.
 */
export function at(node: unknown, ...path: (string | number)[]): unknown {
    let current = node;
    for (const key of path) {
        if (typeof current !== "object" || current === null) {
            return undefined;
        }
        try {
            current = (current as Record<string | number, unknown>)[key];
        } catch (e) {
            if (isUnknownValueError(e)) {
                return UNKNOWN;
            }
            throw e;
        }
    }
    return current;
}

/** What a read gave: its value, or where it hit a value not known during preview. */
export type Known<T> = { value: T } | { unknown: string };

/** Runs `read` and tells whether it hit an unknown value, and where (a path for messages). */
export function known<T>(read: () => T): Known<T> {
    try {
        return { value: read() };
    } catch (e) {
        if (isUnknownValueError(e)) {
            return { unknown: pathOf(e.props) };
        }
        throw e;
    }
}

/** The known string entries of a map such as metadata.labels; an unknown map reads as empty. */
export function knownStrings(node: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (typeof node !== "object" || node === null || Array.isArray(node)) {
        return out;
    }
    for (const key of Object.keys(node)) {
        const value = at(node, key);
        if (typeof value === "string") {
            out[key] = value;
        }
    }
    return out;
}

/**
 * A property path for messages: ["spec", "containers", "1", "image"] -> spec.containers[1].image,
 * ["data", "config.yaml"] -> data["config.yaml"].
 */
export function pathOf(keys: PropertyKey[]): string {
    return keys.map((k) => String(k)).reduce((path, k) => {
        if (/^\d+$/.test(k)) {
            return `${path}[${k}]`;
        }
        if (!/^[A-Za-z_$][\w$]*$/.test(k)) {
            return `${path}[${JSON.stringify(k)}]`;
        }
        return path === "" ? k : `${path}.${k}`;
    }, "");
}

/**
 * The violation for a value a check needs but cannot see during a preview; `remedy` replaces
 * the general advice when the policy knows better.
 */
export function unknownMessage(subject: string, path: string, remedy = "compute it from stack config or literal values so a preview can check it"): string {
    return `${subject} ${path} is not known during preview (it is computed from another resource's output), ` +
        `so this policy cannot check it and reports it rather than pass it unseen; ${remedy}.`;
}

/**
 * Runs `check`; when it reads a value that is not known during preview, that becomes a violation
 * naming the value, and the caller goes on with the next check.
 */
export function reportingUnknowns(subject: string, report: (message: string) => void, check: () => void): void {
    try {
        check();
    } catch (e) {
        if (!isUnknownValueError(e)) {
            throw e;
        }
        report(unknownMessage(subject, pathOf(e.props)));
    }
}
