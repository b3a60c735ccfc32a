/**
 * One stack's benchmark, run in its own process so peak memory belongs to that stack alone:
 * evaluates the program under mocks `runs` times and prints a JSON summary.
 *   node -r ts-node/register/transpile-only test/bench/program.ts <stack> <runs>
 */
import { performance } from "perf_hooks";
import { runProgram } from "../helpers/program";

export interface ProgramBench {
    stack: string;
    runs: number;
    resources: number;
    medianMs: number;
    p90Ms: number;
    peakRssMiB: number;
}

export function percentile(sorted: number[], p: number): number {
    const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
    return sorted[Math.max(0, index)];
}

async function main(): Promise<void> {
    const [stack, runsArg] = process.argv.slice(2);
    const runs = Number(runsArg ?? "20");
    // One warm-up run: module loading and JIT are not what a `pulumi preview` user waits on twice.
    const warm = await runProgram(stack);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await runProgram(stack);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const result: ProgramBench = {
        stack,
        runs,
        resources: warm.mocks.resources.length,
        medianMs: percentile(times, 50),
        p90Ms: percentile(times, 90),
        // maxRSS is in KiB on Linux.
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
