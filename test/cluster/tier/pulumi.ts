/**
 * The cluster tier's view of the Pulumi CLI: a copy of the project per stack in the tier's state
 * folder (so `pulumi stack init` never writes into the repository's stack files), a local file
 * backend, and every command timed with its peak memory for `npm run bench`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../../helpers/config";

/** The files a user's checkout of the program holds (node_modules linked, not copied). */
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "package.json", "tsconfig.json", "index.ts", "components", "policies"];

export interface CommandResult {
    status: number | null;
    stdout: string;
    stderr: string;
    /** Wall time in seconds. */
    seconds: number;
    /** Peak resident memory of the command and its children, in MiB (GNU time's maximum). */
    peakMiB?: number;
}

export function state(): string {
    const dir = process.env.CLUSTER_STATE;
    if (dir === undefined) {
        throw new Error("CLUSTER_STATE is not set: run the cluster tier through `npm run test:cluster`");
    }
    return dir;
}

/** Measured figures, appended as JSON lines for `npm run bench` to read. */
export function record(figure: Record<string, unknown>): void {
    const file = process.env.CLUSTER_FIGURES ?? path.join(state(), "figures.jsonl");
    fs.appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

export class Project {
    readonly dir: string;
    /** Environment for this project's commands on top of the tier's own. */
    extraEnv: NodeJS.ProcessEnv = {};

    constructor(readonly stack: string, name = stack) {
        this.dir = path.join(state(), "projects", name);
        fs.mkdirSync(this.dir, { recursive: true });
        for (const f of PROJECT_FILES) {
            fs.cpSync(path.join(ROOT, f), path.join(this.dir, f), { recursive: true });
        }
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(this.dir, "node_modules"));
    }

    /** A new stack `name` whose stack file starts as a copy of `from`'s, as the README's render stack does. */
    static derived(name: string, from: string): Project {
        const project = new Project(name);
        fs.copyFileSync(path.join(project.dir, `Pulumi.${from}.yaml`), path.join(project.dir, `Pulumi.${name}.yaml`));
        return project;
    }

    get env(): NodeJS.ProcessEnv {
        const s = state();
        fs.mkdirSync(path.join(s, "backend"), { recursive: true });
        return {
            ...process.env,
            PULUMI_BACKEND_URL: `file://${path.join(s, "backend")}`,
            PULUMI_CONFIG_PASSPHRASE: "cluster-tier",
            PULUMI_HOME: path.join(s, "pulumi-home"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            NO_COLOR: "1",
            // The program sets the provider's enablePatchForce (components/provider.ts), which the
            // provider users run (4.34.2) honours. The one provider the module proxy serves
            // predates that option (Jan 2026) and reads the same switch from this variable only;
            // the tier's 4-operations test checks the option reaches the provider.
            PULUMI_K8S_ENABLE_PATCH_FORCE: "true",
            ...this.extraEnv,
        };
    }

    /** Runs `pulumi <args> --stack <stack>` in the project copy. */
    pulumi(args: string[], timeoutSeconds = 1200): CommandResult {
        return this.run("pulumi", [...args, "--stack", this.stack, "--non-interactive"], timeoutSeconds);
    }

    /**
     * Runs `pulumi preview` with the policy pack and the stack's pack config, through the engine
     * pair that runs Node packs (toolchain/build.sh: policy-bin/, first on PATH).
     */
    previewWithPolicies(packConfigStack: string, extra: string[] = []): CommandResult {
        const policyBin = path.join(process.env.TOOLCHAIN ?? "", "policy-bin");
        const args = ["preview", "--stack", this.stack, "--non-interactive", "--policy-pack", "policies",
            "--policy-pack-config", `policies/config/${packConfigStack}.json`, ...extra];
        return this.run("pulumi", args, 1200, { PATH: `${policyBin}:${process.env.PATH}` });
    }

    run(command: string, args: string[], timeoutSeconds = 600, env: NodeJS.ProcessEnv = {}): CommandResult {
        const stats = path.join(state(), `time-${process.pid}.txt`);
        fs.rmSync(stats, { force: true });
        const started = process.hrtime.bigint();
        const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", stats, command, ...args], {
            cwd: this.dir,
            env: { ...this.env, ...env },
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
            timeout: timeoutSeconds * 1000,
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const kib = Number(fs.existsSync(stats) ? fs.readFileSync(stats, "utf8").trim().split("\n").pop() : NaN);
        return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", seconds, peakMiB: Number.isFinite(kib) ? Math.round(kib / 1024) : undefined };
    }

    /** `pulumi config set --path KEY VALUE` for each entry (values as JSON where not strings). */
    configure(settings: Record<string, string | number | boolean>): void {
        for (const [key, value] of Object.entries(settings)) {
            // The CLI refuses a value at a key path that looks like a credential's (secret, pass,
            // token) unless told it is plaintext; these keys name Secrets (README: Configuration).
            const plaintext = typeof value === "string" && /secret|pass|token/i.test(key) ? ["--plaintext"] : [];
            const args = ["config", "set", "--path", `observability:${key}`, String(value), ...plaintext, ...(typeof value === "string" ? [] : ["--type", typeof value === "number" ? "int" : "bool"])];
            ok(this.pulumi(args), `config set ${key}`);
        }
    }
}

/** `configure`'s settings for a tree of stack config: each leaf at its `--path` key (array items as `[i]`). */
export function configPaths(tree: object): Record<string, string | number | boolean> {
    const leaves = (value: unknown, key: string): [string, string | number | boolean][] => {
        if (Array.isArray(value)) {
            return value.flatMap((v, i) => leaves(v, `${key}[${i}]`));
        }
        if (value !== null && typeof value === "object") {
            return Object.entries(value).flatMap(([k, v]) => leaves(v, key === "" ? k : `${key}.${k}`));
        }
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
            return [[key, value]];
        }
        throw new Error(`config ${key}: ${JSON.stringify(value)} is not a string, number or boolean`);
    };
    return Object.fromEntries(leaves(tree, ""));
}

/** Fails with the command's own output when it did not exit 0. */
export function ok(r: CommandResult, what: string): CommandResult {
    if (r.status !== 0) {
        throw new Error(`${what} exited ${r.status}:\n${tail(r.stdout)}\n${tail(r.stderr)}`);
    }
    return r;
}

export const tail = (s: string, lines = 60) => s.split("\n").slice(-lines).join("\n");
