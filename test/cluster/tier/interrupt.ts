/**
 * A `pulumi` command killed part-way, the way a CI runner's timeout or a cancelled job ends it:
 * SIGKILL to the CLI and every process it started (language host, program, providers), with no
 * chance to write a last checkpoint or release the stack's lock.
 */
import { spawn, spawnSync } from "child_process";
import { Project, record, tail } from "./pulumi";

/**
 * Runs `pulumi <args>` and kills it `delayMs` after its output first matches `when`. Resolves
 * with the output up to the kill; rejects if the command ends before `when` shows.
 */
export function killWhen(project: Project, what: string, args: string[], when: RegExp, delayMs = 0): Promise<string> {
    const started = process.hrtime.bigint();
    const child = spawn("pulumi", [...args, "--stack", project.stack, "--non-interactive"], {
        cwd: project.dir,
        env: project.env,
        // Its own process group, so one signal reaches everything it starts.
        detached: true,
    });
    let out = "";
    let killing = false;
    const killAll = () => {
        try {
            process.kill(-(child.pid as number), "SIGKILL");
        } catch {
            // Already gone.
        }
        // Plugins the engine started outside the group go the same way.
        spawnSync("pkill", ["-KILL", "-f", "pulumi-(resource|language|analyzer)-"]);
    };
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            killAll();
            reject(new Error(`${what}: ${when} never showed in 20 minutes:\n${tail(out)}`));
        }, 1_200_000);
        const read = (chunk: Buffer) => {
            out += chunk.toString();
            if (!killing && when.test(out)) {
                killing = true;
                setTimeout(killAll, delayMs);
            }
        };
        child.stdout.on("data", read);
        child.stderr.on("data", read);
        child.on("close", (code) => {
            clearTimeout(timer);
            const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
            record({ stack: project.stack, step: what, seconds, status: killing ? "killed" : code });
            if (killing) {
                resolve(out);
            } else {
                reject(new Error(`${what}: pulumi ended (exit ${code}) before ${when} showed:\n${tail(out)}`));
            }
        });
    });
}
