/**
 * The program's registered resources as policy objects: type, name, inputs as props and the
 * `protect` option the program set. RecordingMocks does not keep resource options, so the
 * mock monitor's registerResource is wrapped (once) to note them from the engine request.
 */
import * as mocks from "@pulumi/pulumi/runtime/mocks";
import type { RegisteredResource } from "../mocks";
import type { PolicyObject } from "./harness";

interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
}

const recorded = new Map<string, RecordedOptions>();
let installed = false;

const key = (type: string, name: string) => `${type}::${name}`;

/** Starts noting resource options of every registration under mocks. Idempotent. */
export function recordResourceOptions(): void {
    if (installed) {
        return;
    }
    installed = true;
    const proto = mocks.MockMonitor.prototype as unknown as { registerResource(req: any, callback: any): Promise<void> };
    const original = proto.registerResource;
    proto.registerResource = function (this: unknown, req: any, callback: any) {
        recorded.set(key(req.getType(), req.getName()), { protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete?.() === true });
        return original.call(this, req, callback);
    };
}

/** The options noted for a resource (false when none were noted). */
export function optionsOf(type: string, name: string): RecordedOptions {
    return recorded.get(key(type, name)) ?? { protect: false, retainOnDelete: false };
}

/** Registered resources as the objects policies receive. */
export function programObjects(resources: RegisteredResource[]): PolicyObject[] {
    return resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs, opts: { protect: optionsOf(r.type, r.name).protect } }));
}
