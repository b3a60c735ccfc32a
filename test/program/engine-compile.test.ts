import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "../helpers/config";
import { runProgram } from "../helpers/program";

/**
 * The unit tests run transpile-only; Pulumi type-checks the program and loads only the files
 * its imports reach. This runs the program that second way, in a process of its own per stack.
 */
function runAsPulumi(stack: string): { status: number | null; stdout: string; stderr: string } {
    const script = path.join(ROOT, "test", "program", "run-as-pulumi.js");
    const entry = path.join("test", "program", "engine-entry.ts");
    return spawnSync(process.execPath, [script, entry, stack], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

for (const stack of ["dev", "prod"]) {
    describe(`the ${stack} program compiled and run as Pulumi runs it`, function () {
        this.timeout(300_000);

        it("type-checks with only the files its imports reach and registers what the unit tests see", async () => {
            const child = runAsPulumi(stack);
            assert.strictEqual(child.status, 0, `exit ${child.status}:\n${child.stderr}`);
            const registered = JSON.parse(child.stdout).resources as string[];
            const inProcess = await runProgram(stack);
            assert.deepStrictEqual(registered, inProcess.mocks.resources.map((r) => `${r.type}::${r.name}`));
        });
    });
}
