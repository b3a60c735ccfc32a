/**
 * Evaluates index.ts under mocks for the stack named on the command line and prints what it
 * registered, for run-as-pulumi.js, which loads this file the way Pulumi loads index.ts.
 */
import { runProgram } from "../helpers/program";

async function main(stack: string): Promise<void> {
    const run = await runProgram(stack);
    process.stdout.write(JSON.stringify({ resources: run.mocks.resources.map((r) => `${r.type}::${r.name}`) }));
}

main(process.argv[3] ?? "dev").then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
    },
);
