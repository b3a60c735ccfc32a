/**
 * Policy pack throughput for `npm run bench`: the whole pack, with the prod config, over N
 * objects made of copies of the compliant baseline (workloads, operator CRs, claims, configs).
 * A figure, never an assertion.
 */
import { POLICIES } from "../../policies/pack";
import { baselineStack } from "../fixtures/policies/objects";
import { runPack, PolicyObject } from "./harness";
import { packConfig } from "./pack-config";

export interface PolicyBench {
    /** Objects evaluated. */
    objects: number;
    /** Policies in the pack. */
    policies: number;
    /** Wall-clock seconds for the whole run. */
    seconds: number;
    objectsPerSecond: number;
    /** Violations found (0 for the compliant baseline: a sanity check on the input). */
    violations: number;
}

/** `count` objects cycling through the baseline set, each with its own resource name. */
export function benchObjects(count: number): PolicyObject[] {
    const out: PolicyObject[] = [];
    for (let i = 0; out.length < count; i++) {
        for (const o of baselineStack()) {
            if (out.length === count) {
                break;
            }
            // The Pulumi name changes, so does each config text (no parse is shared between
            // copies, only between policies); metadata stays so each Prometheus keeps its budget.
            out.push({ ...o, name: `${o.name}-${i}`, props: distinctData(o, i) });
        }
    }
    return out;
}

function distinctData(o: PolicyObject, i: number): PolicyObject["props"] {
    const secret = o.type === "kubernetes:core/v1:Secret";
    if (!secret && o.type !== "kubernetes:core/v1:ConfigMap") {
        return o.props;
    }
    const data = Object.fromEntries(Object.entries(o.props.data ?? {}).map(([k, v]) => {
        const text = `${secret ? Buffer.from(String(v), "base64").toString("utf8") : v}\n# copy ${i}\n`;
        return [k, secret ? Buffer.from(text).toString("base64") : text];
    }));
    return { ...o.props, data };
}

/** Runs the pack once over `count` objects and reports objects per second. */
export async function benchPolicies(count = 1000): Promise<PolicyBench> {
    const objects = benchObjects(count);
    const config = packConfig("prod");
    await runPack(POLICIES, objects.slice(0, 50), config); // warm-up: module and regex compilation
    const start = process.hrtime.bigint();
    const violations = await runPack(POLICIES, objects, config);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { objects: objects.length, policies: POLICIES.length, seconds, objectsPerSecond: objects.length / seconds, violations: violations.length };
}
