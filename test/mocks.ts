/**
 * Pulumi mocks that record every registered resource, so tests can assert on exactly what
 * the program would send to the engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** Provider reference (URN::id) the resource goes through. */
    provider?: string;
    /** Top-level input keys whose value was (or contained) a Pulumi secret. */
    secretInputs: string[];
    /** URN of the parent resource; empty for resources registered at the top level. */
    parent: string;
    protect: boolean;
    retainOnDelete: boolean;
}

type SeenOptions = Pick<RegisteredResource, "parent" | "protect" | "retainOnDelete">;

/**
 * Mocks#newResource is not told the resource options, but the engine request the mock monitor
 * receives carries them: the monitor is wrapped once to note them for newResource to pick up.
 */
const seenOptions = new Map<string, SeenOptions>();
const optionsKey = (type: string, name: string) => `${type}::${name}`;
const monitor = MockMonitor.prototype as unknown as { registerResource(req: any, callback: any): Promise<void> };
const registerResource = monitor.registerResource;
monitor.registerResource = function (this: unknown, req: any, callback: any) {
    seenOptions.set(optionsKey(req.getType(), req.getName()), {
        parent: req.getParent() ?? "",
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete?.() === true,
    });
    return registerResource.call(this, req, callback);
};

/** The signature key Pulumi uses to mark a serialized secret value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function isWrappedSecret(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE;
}

/** Replaces wrapped secrets by their values; `found` is set when any secret was seen. */
function unwrap(value: unknown, found: { secret: boolean }): unknown {
    if (isWrappedSecret(value)) {
        found.secret = true;
        return unwrap(value.value, found);
    }
    if (Array.isArray(value)) {
        return value.map((v) => unwrap(v, found));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, found)]));
    }
    return value;
}

/** Deterministic stand-in for random.RandomPassword#result: `length` characters. */
function fakePassword(name: string, length: number): string {
    const seed = `${name}-`.repeat(Math.ceil(length / (name.length + 1)) + 1);
    return seed.replace(/[^A-Za-z0-9]/g, "x").slice(0, length);
}

/** The provider's helm template invoke, which rendering to YAML uses (components/chart.ts). */
export const HELM_TEMPLATE = "kubernetes:helm:template";

/**
 * What the mocked helm template renders for a release, parsed, as the provider answers: one
 * object and one Helm hook.
 */
export function templateManifest(release: string): Record<string, unknown>[] {
    return [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `${release}-rendered` } },
        { apiVersion: "batch/v1", kind: "Job", metadata: { name: `${release}-hook`, annotations: { "helm.sh/hook": "post-install" } } },
    ];
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    public readonly resources: RegisteredResource[] = [];

    /** Existing objects the program read from the cluster (`Resource.get`): type, name and id. */
    public readonly reads: { type: string; name: string; id: string }[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        if (args.id !== undefined && args.id !== "") {
            // A read: the program creates nothing, and the object is found as asked for.
            this.reads.push({ type: args.type, name: args.name, id: args.id });
            return { id: args.id, state: { metadata: { name: args.id } } };
        }
        const inputs: Record<string, any> = {};
        const secretInputs: string[] = [];
        for (const [key, value] of Object.entries(args.inputs)) {
            const found = { secret: false };
            inputs[key] = unwrap(value, found);
            if (found.secret) {
                secretInputs.push(key);
            }
        }
        const options = seenOptions.get(optionsKey(args.type, args.name)) ?? { parent: "", protect: false, retainOnDelete: false };
        this.resources.push({ type: args.type, name: args.name, inputs, provider: args.provider, secretInputs, ...options });
        const state: Record<string, any> = { ...inputs };
        if (args.type === "random:index/randomPassword:RandomPassword") {
            state.result = fakePassword(args.name, Number(inputs.length ?? 16));
        }
        if (args.type.startsWith("kubernetes:") && inputs.metadata !== undefined) {
            state.metadata = { ...inputs.metadata, name: inputs.metadata.name ?? args.name };
        }
        return { id: `${args.name}-id`, state };
    }

    /** Invokes the program made, in order (token and inputs). */
    public readonly calls: { token: string; inputs: Record<string, any> }[] = [];

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        this.calls.push({ token: args.token, inputs: args.inputs });
        if (args.token === HELM_TEMPLATE) {
            return { result: templateManifest(JSON.parse(args.inputs.jsonOpts).release_name) };
        }
        return args.inputs;
    }

    /** Resources of one type token, e.g. "kubernetes:core/v1:Secret". */
    ofType(type: string): RegisteredResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this type and name; throws when absent. */
    get(type: string, name: string): RegisteredResource {
        const found = this.resources.find((r) => r.type === type && r.name === name);
        if (found === undefined) {
            throw new Error(`no ${type} named ${name}; registered: ${this.resources.map((r) => `${r.type}/${r.name}`).join(", ")}`);
        }
        return found;
    }
}
