import * as assert from "assert";
import { configProblem, stackConfig } from "../../helpers/config";

describe("metrics settings validation (schema/metrics.ts)", () => {
    // The Alertmanager CRD's spec.retention pattern knows h, m, s and ms only.
    for (const retention of ["30d", "1w", "0", "720"]) {
        it(`rejects an Alertmanager retention of "${retention}", which the Alertmanager CRD would refuse`, () => {
            assert.match(configProblem({ alertmanager: { retention } }, "alertmanager.retention", "prod"), /hours, minutes or seconds such as 720h/);
        });
    }

    it("rejects a zero Alertmanager retention, which would drop silences at once", () => {
        for (const retention of ["0h", "0h0m", "0s"]) {
            assert.match(configProblem({ alertmanager: { retention } }, "alertmanager.retention", "prod"), /above zero/);
        }
    });

    it("accepts Alertmanager retentions in hours, minutes and seconds", () => {
        for (const retention of ["720h", "120h", "36h30m", "90m", "3600s"]) {
            assert.strictEqual(stackConfig("prod", { alertmanager: { retention } }).alertmanager.retention, retention);
        }
    });
});
