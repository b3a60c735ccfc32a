import * as assert from "assert";
import { changedInputs, checkInputs, generate } from "./provider";

describe("the random provider stand-in (cluster tier only)", () => {
    it("makes passwords of the requested length from the allowed characters only", () => {
        const p = generate({ length: 40, overrideSpecial: "-_.~" });
        assert.strictEqual(p.length, 40);
        assert.match(p, /^[A-Za-z0-9\-_.~]{40}$/);
    });

    it("honours the minimum counts and disabled classes", () => {
        const p = generate({ length: 12, special: false, upper: false, minNumeric: 12 });
        assert.match(p, /^[0-9]{12}$/);
    });

    it("makes a different password each time", () => {
        assert.notStrictEqual(generate({ length: 40 }), generate({ length: 40 }));
    });

    it("replaces the password when a keeper or any other input changes, and only then", () => {
        const olds = { length: 40, keepers: { version: "1" }, result: "x" };
        assert.deepStrictEqual(changedInputs(olds, { length: 40, keepers: { version: "1" } }), []);
        assert.deepStrictEqual(changedInputs(olds, { length: 40, keepers: { version: "2" } }), ["keepers"]);
        assert.deepStrictEqual(changedInputs(olds, { length: 32, keepers: { version: "1" } }), ["length"]);
    });

    it("refuses a length that is not a whole number of at least 1", () => {
        assert.deepStrictEqual(checkInputs({ length: 0 }).map((f) => f.property), ["length"]);
        assert.deepStrictEqual(checkInputs({ length: 16 }), []);
    });
});
