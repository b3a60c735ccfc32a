/**
 * `npm run bench`: program evaluation time and peak memory per stack, and policy pack
 * throughput. Figures, not assertions: nothing here fails on a slow machine.
 *   BENCH_RUNS=20 npm run bench
 *   BENCH_CLUSTER=1 npm run bench    adds the cluster tier's figures (test/cluster/bench/compare.ts)
 */
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import type { ProgramBench } from "./program";
import { benchPolicies } from "./policies";

const RUNS = Number(process.env.BENCH_RUNS ?? "20");
const POLICY_OBJECTS = Number(process.env.BENCH_POLICY_OBJECTS ?? "1000");

function benchStack(stack: string): ProgramBench {
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "program.ts"), stack, String(RUNS)], {
        cwd: path.resolve(__dirname, "..", ".."),
        encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").pop()!);
}

async function main(): Promise<void> {
    console.log(`program evaluation under mocks, ${RUNS} runs per stack (after one warm-up run)`);
    console.log("stack  resources  median ms  p90 ms  peak RSS MiB");
    for (const stack of ["dev", "prod"]) {
        const r = benchStack(stack);
        console.log(`${r.stack.padEnd(6)} ${String(r.resources).padStart(9)} ${r.medianMs.toFixed(1).padStart(10)} ${r.p90Ms.toFixed(1).padStart(7)} ${r.peakRssMiB.toFixed(0).padStart(13)}`);
    }
    const p = await benchPolicies(POLICY_OBJECTS);
    console.log(`\npolicy pack over ${p.objects} objects (${p.policies} policies, prod config): ${p.seconds.toFixed(3)} s, ${Math.round(p.objectsPerSecond)} objects/s`);
    if (process.env.BENCH_CLUSTER === "1") {
        // The cluster tier's control plane, in its own network namespace, with the comparison run.
        const root = path.resolve(__dirname, "..", "..");
        const r = spawnSync("bash", [path.join(root, "test", "cluster", "run.sh")], {
            cwd: root,
            stdio: "inherit",
            env: { ...process.env, CLUSTER_RUN: path.join(root, "test", "cluster", "bench", "compare.ts") },
        });
        if (r.status !== 0) {
            throw new Error(`the cluster figures failed (exit ${r.status})`);
        }
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
