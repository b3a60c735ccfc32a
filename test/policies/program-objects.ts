/**
 * The program's registered resources as policy objects: type, name, inputs as props and the
 * `protect` option the program set (RecordingMocks notes it from the engine request).
 */
import type { RegisteredResource } from "../mocks";
import type { PolicyObject } from "./harness";

/** Registered resources as the objects policies receive. */
export function programObjects(resources: RegisteredResource[]): PolicyObject[] {
    return resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs, opts: { protect: r.protect } }));
}
