import * as assert from "assert";
import { ConfigError } from "../../../components/config";
import type { ConfigTree } from "../../../components/presets";
import { stackConfig } from "../../helpers/config";

/** The problem line naming `key`, from the ConfigError that stackConfig throws. */
function problemFor(overrides: ConfigTree, key: string): string {
    try {
        stackConfig("prod", overrides);
    } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        const line = error.problems.find((p) => p.startsWith(`observability:${key}:`));
        assert.ok(line, `no problem names observability:${key}:\n${error.message}`);
        return line;
    }
    assert.fail("the config was accepted");
}

describe("metrics settings validation (schema/metrics.ts)", () => {
    // The Alertmanager CRD's spec.retention pattern knows h, m, s and ms only.
    for (const retention of ["30d", "1w", "0", "720"]) {
        it(`rejects an Alertmanager retention of "${retention}", which the Alertmanager CRD would refuse`, () => {
            assert.match(problemFor({ alertmanager: { retention } }, "alertmanager.retention"), /hours, minutes or seconds such as 720h/);
        });
    }

    it("accepts Alertmanager retentions in hours, minutes and seconds", () => {
        for (const retention of ["720h", "120h", "36h30m", "90m", "3600s"]) {
            assert.strictEqual(stackConfig("prod", { alertmanager: { retention } }).alertmanager.retention, retention);
        }
    });
});
