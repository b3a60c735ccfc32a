/**
 * Pulumi mocks that record every registered resource, so tests can assert on exactly what
 * the program would send to the engine.
 */
import * as pulumi from "@pulumi/pulumi";

export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** Resource options the test can see: the parent and the provider ride on the URN args. */
    provider?: string;
}

/** Deterministic stand-in for random.RandomPassword#result: `length` characters. */
function fakePassword(name: string, length: number): string {
    const seed = `${name}-`.repeat(Math.ceil(length / (name.length + 1)) + 1);
    return seed.replace(/[^A-Za-z0-9]/g, "x").slice(0, length);
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    public readonly resources: RegisteredResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        const state: Record<string, any> = { ...args.inputs };
        if (args.type === "random:index/randomPassword:RandomPassword") {
            state.result = fakePassword(args.name, Number(args.inputs.length ?? 16));
        }
        if (args.type.startsWith("kubernetes:") && args.inputs.metadata !== undefined) {
            state.metadata = { ...args.inputs.metadata, name: args.inputs.metadata.name ?? args.name };
        }
        return { id: `${args.name}-id`, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
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
