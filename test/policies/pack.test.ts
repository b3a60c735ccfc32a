import * as assert from "assert";
import type { Policy } from "@pulumi/policy";
import { POLICIES } from "../../policies/pack";
import { baselineStack, distributedLokiObjects, longTermObjects } from "../fixtures/policies/objects";
import { mandatory, runPack } from "./harness";
import { packConfig } from "./pack-config";

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function schemaOf(policy: Policy): Record<string, any> {
    return policy.configSchema?.properties ?? {};
}

/** Whether a config value fits a JSON-schema property (the subset the pack uses). */
function fits(value: unknown, schema: Record<string, any>): boolean {
    switch (schema.type) {
        case "array":
            return Array.isArray(value) && value.every((v) => fits(v, schema.items ?? {}));
        case "integer":
            return Number.isInteger(value) && (schema.minimum === undefined || (value as number) >= schema.minimum);
        case "number":
            return typeof value === "number" && (schema.minimum === undefined || value >= schema.minimum) && (schema.maximum === undefined || value <= schema.maximum);
        default:
            return typeof value === schema.type && (schema.enum === undefined || schema.enum.includes(value));
    }
}

describe("policy pack", () => {
    it("names each policy once, in kebab case, with a full-sentence description", () => {
        const names = POLICIES.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const p of POLICIES) {
            assert.match(p.name, /^[a-z]+(-[a-z]+)*$/);
            assert.match(p.description, /^[A-Z].{20,}\.$/, p.name);
        }
    });

    it("gives every threshold a default that fits its own schema", () => {
        for (const p of POLICIES) {
            for (const [key, schema] of Object.entries(schemaOf(p))) {
                assert.ok(schema.default !== undefined, `${p.name}.${key} has no default`);
                assert.ok(fits(schema.default, schema), `${p.name}.${key} default does not fit its schema`);
                assert.ok(typeof schema.description === "string", `${p.name}.${key} has no description`);
            }
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`has a ${stack} config that sets a level for every policy and only known, well-typed thresholds`, () => {
            const config = packConfig(stack);
            assert.deepStrictEqual(Object.keys(config).sort(), POLICIES.map((p) => p.name).sort());
            for (const p of POLICIES) {
                const entry = config[p.name] as Record<string, any>;
                assert.ok(LEVELS.includes(entry.enforcementLevel), `${stack} ${p.name} enforcementLevel`);
                for (const [key, value] of Object.entries(entry).filter(([k]) => k !== "enforcementLevel")) {
                    const schema = schemaOf(p)[key];
                    assert.ok(schema !== undefined, `${stack} ${p.name}.${key} is not in the schema`);
                    assert.ok(fits(value, schema), `${stack} ${p.name}.${key} = ${JSON.stringify(value)} does not fit the schema`);
                }
            }
        });
    }

    it("makes every policy mandatory in prod", () => {
        const config = packConfig("prod");
        for (const p of POLICIES) {
            assert.strictEqual((config[p.name] as Record<string, any>).enforcementLevel, "mandatory", p.name);
        }
    });

    it("passes the whole baseline with the prod config without a single violation", async () => {
        assert.deepStrictEqual(await runPack(POLICIES, baselineStack(), packConfig("prod")), []);
    });

    it("passes the baseline with long-term metrics and distributed Loki with the prod config without a single violation", async () => {
        const replaced = ["Prometheus", "StatefulSet"];
        const objects = [...baselineStack().filter((o) => !(replaced.includes(o.props.kind) && ["kps-prometheus", "loki"].includes(o.props.metadata.name))), ...longTermObjects(), ...distributedLokiObjects()];
        assert.deepStrictEqual(await runPack(POLICIES, objects, packConfig("prod")), []);
    });

    it("passes the baseline in dev without mandatory violations, with advisories where dev is lenient", async () => {
        const violations = await runPack(POLICIES, baselineStack(), packConfig("dev"));
        assert.deepStrictEqual(mandatory(violations), []);
        assert.ok(violations.some((v) => v.policy === "volume-size-bounds" && v.enforcementLevel === "advisory"));
    });

    it("blocks on every policy when run without a config file", async () => {
        const objects = baselineStack();
        objects[0].props.spec.retention = "3d";
        const violations = await runPack(POLICIES, objects);
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [["prometheus-retention", "mandatory"]]);
    });
});
