import * as assert from "assert";
import { runProgram } from "../helpers/program";
import { valueOf, isSecret } from "../helpers/outputs";

describe("smoke", () => {
    it("runs dev", async () => {
        const run = await runProgram("dev");
        console.log(run.mocks.resources.map((r) => `${r.type} ${r.name}`));
        assert.ok(await isSecret(run.outputs.grafanaAdminPassword));
        console.log(await valueOf(run.outputs.namespace));
    });
});
