/**
 * TEST-ONLY STAND-IN for the `random` provider plugin, which no registry this project's CI
 * reaches serves. It implements just the resource the program uses,
 * `random:index/randomPassword:RandomPassword`, with the real provider's behaviour on the inputs
 * the program sets: `length`, `special`, `overrideSpecial`, `upper`, `lower`, `numeric` and the
 * `min*` counts, and `keepers`, where any input change forces a replacement. The result is made
 * secret by @pulumi/random's own SDK (additionalSecretOutputs), exactly as with the real plugin.
 * Served by @pulumi/pulumi's provider API; the cluster tier puts it on PATH as
 * `pulumi-resource-random` (see the README's test tiers). Never used outside that tier.
 */
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { randomInt } from "crypto";

const TYPE = "random:index/randomPassword:RandomPassword";
/** The real provider's default special characters. */
const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

interface PasswordInputs {
    length: number;
    special?: boolean;
    overrideSpecial?: string;
    upper?: boolean;
    lower?: boolean;
    numeric?: boolean;
    minUpper?: number;
    minLower?: number;
    minNumeric?: number;
    minSpecial?: number;
    keepers?: Record<string, string>;
}

const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]);

/** A password of `length` characters with at least the `min*` of each enabled class, shuffled. */
export function generate(i: PasswordInputs): string {
    const classes: [boolean, string, number][] = [
        [i.upper ?? true, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", i.minUpper ?? 0],
        [i.lower ?? true, "abcdefghijklmnopqrstuvwxyz", i.minLower ?? 0],
        [i.numeric ?? true, "0123456789", i.minNumeric ?? 0],
        [i.special ?? true, i.overrideSpecial ?? DEFAULT_SPECIAL, i.minSpecial ?? 0],
    ];
    const enabled = classes.filter(([on, chars]) => on && chars.length > 0);
    const chars = enabled.flatMap(([, c, min]) => pick(c, min));
    const all = enabled.map(([, c]) => c).join("");
    chars.push(...pick(all, Math.max(0, i.length - chars.length)));
    for (let k = chars.length - 1; k > 0; k--) {
        const j = randomInt(k + 1);
        [chars[k], chars[j]] = [chars[j], chars[k]];
    }
    return chars.join("");
}

export function checkInputs(news: Record<string, unknown>): provider.CheckFailure[] {
    const length = news.length;
    return typeof length === "number" && Number.isInteger(length) && length >= 1
        ? []
        : [{ property: "length", reason: "expected a whole number of at least 1" }];
}

/** Every input of the real resource forces a replacement when it changes. */
export function changedInputs(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => k !== "result" && k !== "__defaults"));
    return [...keys].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
}

const randomProvider: provider.Provider = {
    version: "4.21.2",
    async check(_urn, _olds, news) {
        const failures = checkInputs(news);
        return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },
    async diff(_id, _urn, olds, news) {
        const replaces = changedInputs(olds, news);
        return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
    },
    async create(urn, inputs) {
        // urn:pulumi:<stack>::<project>::<parent types$>type::<name>
        if (String(urn).split("::")[2]?.split("$").pop() !== TYPE) {
            throw new Error(`the random stand-in implements only ${TYPE}, not ${urn}`);
        }
        return { id: "none", outs: { ...inputs, result: generate(inputs as PasswordInputs) } };
    },
    async read(id, _urn, props) {
        return { id, props };
    },
    async delete() {
        return;
    },
};

if (require.main === module) {
    pulumi.log.debug("random stand-in provider starting");
    provider.main(randomProvider, process.argv.slice(2));
}
