/** A long-running process (Prometheus, Alertmanager) started and stopped by its own PID. */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";

export class Daemon {
    private readonly child: ChildProcess;
    private exited = false;

    /**
     * Starts `file` with `args`; stdout and stderr go to `logFile` for post-mortems. `env`, when
     * given, is the process' whole environment (nothing is inherited).
     */
    constructor(public readonly name: string, file: string, args: string[], public readonly logFile: string, env?: NodeJS.ProcessEnv) {
        const log = fs.openSync(logFile, "a");
        this.child = spawn(file, args, { stdio: ["ignore", log, log], ...(env === undefined ? {} : { env }) });
        fs.closeSync(log);
        this.child.once("exit", () => {
            this.exited = true;
        });
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Whether the process is still running. */
    get running(): boolean {
        return !this.exited;
    }

    /** The tail of the process' log, for error messages. */
    logTail(lines = 30): string {
        return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n") : "";
    }

    /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
    async stop(graceMs = 5_000): Promise<void> {
        if (this.exited || this.child.pid === undefined) {
            return;
        }
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
    }
}
