import * as assert from "assert";
import { ConfigError, resolveConfig } from "../../../components/config";
import type { ConfigTree } from "../../../components/presets";
import { stackConfig, toRaw } from "../../helpers/config";

/** Every leaf of a config tree as [path, value]. */
function leaves(tree: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
    if (Array.isArray(tree)) {
        return tree.flatMap((v, i) => leaves(v, [...path, i]));
    }
    if (typeof tree === "object" && tree !== null) {
        return Object.entries(tree).flatMap(([k, v]) => leaves(v, [...path, k]));
    }
    return [[path, tree]];
}

function withLeaf(tree: ConfigTree, path: (string | number)[], value: unknown): ConfigTree {
    const copy = JSON.parse(JSON.stringify(tree));
    let node = copy;
    path.slice(0, -1).forEach((k) => (node = node[k]));
    node[path[path.length - 1]] = value;
    return copy;
}

const NO_SECRETS = { smtpPassword: false, slackWebhookUrl: false, webhookUrls: [] };
/** zod's own wording, which must never reach a user. */
const ZOD_DEFAULTS = /: (Too small|Too big|Invalid|Unrecognized|Required)|received [a-z]+|expected (string|number|int|boolean) to/;

describe("config messages for every key (schema/*.ts)", () => {
    // Prod's stack file has an app, so app fields are covered too.
    const base = JSON.parse(JSON.stringify(stackConfig("prod"))) as ConfigTree;
    const wrong: unknown[] = ["", -1, 0, 1e21, 2.5, "x y", true, {}, []];
    for (const [path, original] of leaves(base)) {
        const key = path.join(".");
        it(`states the expected form for every wrong value of ${key}`, () => {
            for (const value of wrong.filter((w) => JSON.stringify(w) !== JSON.stringify(original))) {
                try {
                    resolveConfig(toRaw(withLeaf(base, path, value)), "prod", NO_SECRETS);
                } catch (error) {
                    assert.ok(error instanceof ConfigError, String(error));
                    for (const problem of error.problems) {
                        assert.doesNotMatch(problem, ZOD_DEFAULTS, `${key} = ${JSON.stringify(value)}`);
                        assert.match(problem, /^observability:\S+: /, problem);
                    }
                }
            }
        });
    }
});
