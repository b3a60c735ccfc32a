import * as assert from "assert";
import type { RegisteredResource } from "../mocks";
import { runProgram } from "../helpers/program";
import type { ConfigTree } from "../../components/presets";

/**
 * Empty maps and lists that mean something to the API server (an emptyDir volume, a selector
 * that selects everything, an issuer kind with no settings); any other empty one is dropped on
 * storage, so sending it makes every later preview show a change.
 */
const MEANINGFUL_EMPTY = new Set(["emptyDir", "podSelector", "namespaceSelector", "selfSigned", "selector", "ingress", "egress"]);

/** Paths of empty maps and lists in a resource's inputs that the API server would not keep. */
export function droppedEmpties(value: unknown, at = ""): string[] {
    if (Array.isArray(value)) {
        return value.length === 0 ? [at] : value.flatMap((v, i) => droppedEmpties(v, `${at}[${i}]`));
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value);
        if (entries.length === 0) {
            return [at];
        }
        return entries.flatMap(([k, v]) => (MEANINGFUL_EMPTY.has(k) && typeof v === "object" ? [] : droppedEmpties(v, `${at}.${k}`)));
    }
    return [];
}

const EXTRAS: ConfigTree = {
    pushgateway: { enabled: true },
    kubeBench: { enabled: true },
    backups: { enabled: true, target: { kind: "pvc", size: "20Gi" } },
};

const programObjects = (resources: RegisteredResource[]) =>
    resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/") && r.type !== "kubernetes:yaml/v2:ConfigGroup");

for (const [stack, overrides] of [["dev", {}], ["prod", {}], ["dev", EXTRAS], ["prod", { ...EXTRAS, logAgent: { kind: "alloy" } }]] as [string, ConfigTree][]) {
    const label = Object.keys(overrides).length > 0 ? `${stack} with the opt-in extras` : stack;
    describe(`the ${label} program's own objects in the API server's normal form`, () => {
        it("sends no empty map or list that the API server drops (a perpetual diff)", async () => {
            const run = await runProgram(stack, overrides);
            const found = programObjects(run.mocks.resources).flatMap((r) => droppedEmpties(r.inputs).map((p) => `${r.type} ${r.name}: ${p}`));
            assert.deepStrictEqual(found, []);
        });
    });
}
