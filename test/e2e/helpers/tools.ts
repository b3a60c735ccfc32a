/**
 * The tools the e2e tier drives, and small process and polling helpers. Every wait is bounded;
 * nothing here asserts on how long something took.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { missingToolchainBinaries, toolchainBinary } from "../../helpers/toolchain";

/**
 * Prometheus, promtool, Alertmanager, amtool and the Prometheus Operator at the versions the pinned chart deploys, and
 * Thanos at the thanos chart's appVersion, from
 * the toolchain build (test/helpers/toolchain.ts). Upstream's Alertmanager carries its default
 * notification templates, so the generated config is used as the operator mounts it.
 */
export const TOOLS = {
    get promtool() {
        return toolchainBinary("promtool");
    },
    get amtool() {
        return toolchainBinary("amtool");
    },
    get prometheus() {
        return toolchainBinary("prometheus");
    },
    get alertmanager() {
        return toolchainBinary("alertmanager");
    },
    /** Sloth, the SLO rule generator the SLO rules are compared with (sloth.test.ts). */
    get sloth() {
        return toolchainBinary("sloth");
    },
    get "prometheus-operator"() {
        return toolchainBinary("prometheus-operator");
    },
    /** Thanos at the thanos chart's appVersion: sidecar, Query, Store Gateway, Compactor, bucket tools. */
    get thanos() {
        return toolchainBinary("thanos");
    },
    /** versitygw, the local S3-compatible store (posix backend) Thanos writes blocks to. */
    get versitygw() {
        return toolchainBinary("versitygw");
    },
};

/** Why the tools among `names` cannot be run (TOOLCHAIN unset), or nothing; throws for a toolchain that lacks one. */
export function missingTools(...names: (keyof typeof TOOLS)[]): string[] {
    return missingToolchainBinaries(...names);
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs a command to completion (bounded) and hands back its exit code and output. `env`, when
 * given, is its whole environment (nothing is inherited).
 */
export function run(file: string, args: string[], timeoutMs = 30_000, env?: NodeJS.ProcessEnv): Promise<RunResult> {
    return new Promise((resolve) => {
        execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, ...(env === undefined ? {} : { env }) }, (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
    });
}

/** A fresh temporary directory; the caller removes it with removeDir. */
export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
    if (dir !== undefined) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** A test's temporary directory at its end: removed, or kept (and named) when E2E_KEEP_TMP is set, to read its logs. */
export function finishDir(dir: string | undefined): void {
    if (process.env.E2E_KEEP_TMP === undefined) {
        removeDir(dir);
    } else if (dir !== undefined) {
        console.log(`    kept ${dir} (E2E_KEEP_TMP is set)`);
    }
}

/** Anything that listens like net.Server (http.Server, SMTPServer). */
interface Listener {
    once(event: "error", listener: (error: Error) => void): unknown;
    listen(port: number, host: string, callback: () => void): unknown;
}

/** Starts `server` on 127.0.0.1:`port`; rejects when the port cannot be bound. */
export function listenOnLoopback(server: Listener, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
    });
}

/** A loopback TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value other than undefined; throws with `what` after
 * `timeoutMs`. A bound, not a measurement: tests never assert on the time taken.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 250): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await probe();
            if (value !== undefined) {
                return value;
            }
        } catch (error) {
            lastError = error;
        }
        await sleep(everyMs);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError === undefined ? "" : ` (last error: ${String(lastError)})`}`);
}

/** GET a URL on 127.0.0.1 and return the body as text; throws on a non-2xx answer. */
export async function httpText(url: string, init?: RequestInit): Promise<string> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    const body = await res.text();
    if (!res.ok) {
        throw new Error(`${init?.method ?? "GET"} ${url}: ${res.status} ${body}`);
    }
    return body;
}

/** The version a Prometheus-project binary reports (`--version`: "<name>, version 3.14.0 (...)"). */
export async function reportedVersion(binary: string): Promise<string> {
    const { stdout, stderr } = await run(binary, ["--version"]);
    const m = /version (\d+\.\d+\.\d+\S*)/.exec(stdout + stderr);
    if (m === null) {
        throw new Error(`cannot read the version of ${binary} from: ${stdout}${stderr}`);
    }
    return m[1];
}
