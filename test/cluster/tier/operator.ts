/**
 * The real Prometheus Operator, at the version the pinned kube-prometheus-stack deploys
 * (components/chart-apps.ts), run outside the cluster against a stack the tier deployed. kwok
 * runs no containers, so the chart's operator Deployment never reconciles anything: this one
 * does, with the tier's kubeconfig (the operator reads KUBECONFIG, pkg/k8s/k8s.go), scoped to
 * the stack's namespace (--namespaces) so it never touches what later tier files deploy, and
 * with its own web listener on loopback. No admission webhook is involved: the operator only
 * reads the custom resources and writes StatefulSets, Services and Secrets.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import * as YAML from "yaml";
import { get, items, Obj, waitFor } from "./kubectl";
import { state } from "./pulumi";

export class RunningOperator {
    private constructor(private readonly child: ChildProcess, readonly log: string) {}

    /** Starts prometheus-operator (from the toolchain's bin/, on PATH) for one namespace. */
    static start(namespace: string): RunningOperator {
        const log = path.join(state(), "logs", "prometheus-operator.log");
        const out = fs.openSync(log, "a");
        // Port 0: any free loopback port; nothing in the tier reads the operator's own metrics.
        const child = spawn("prometheus-operator", [`--namespaces=${namespace}`, "--web.listen-address=127.0.0.1:0", "--log-level=info"], {
            stdio: ["ignore", out, out],
        });
        fs.closeSync(out);
        // A binary that cannot start (not on PATH) is told in the log that failure messages show.
        child.once("error", (e) => fs.appendFileSync(log, `cannot run prometheus-operator: ${e.message}\n`));
        // run.sh's stop.sh ends it too if the tier fails before stop() runs.
        fs.appendFileSync(path.join(state(), "pids"), `${child.pid} prometheus-operator\n`);
        return new RunningOperator(child, log);
    }

    /** The operator's log so far, for failure messages. */
    tail(lines = 20): string {
        return fs.readFileSync(this.log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    }

    get running(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    /** SIGTERM, and waits (bounded) until it has exited. */
    async stop(): Promise<void> {
        if (!this.running) {
            return;
        }
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timeout = new Promise<void>((_, reject) => setTimeout(() => reject(new Error("prometheus-operator did not stop within 30 s")), 30_000).unref());
        await Promise.race([exited, timeout]);
    }
}

/** A condition of a custom resource's status, by type. */
export function condition(resource: Obj, type: string): Obj | undefined {
    return (resource.status?.conditions as Obj[] | undefined)?.find((c) => c.type === type);
}

/** `kind` (plural resource name) objects in `namespace` once each has Reconciled=True. */
export function waitReconciled(resource: string, namespace: string, seconds: number, operator: RunningOperator): Obj[] {
    return waitFor(
        () => items([resource, "-n", namespace]),
        (list) => list.length > 0 && list.every((o) => condition(o, "Reconciled")?.status === "True"),
        seconds,
        `${resource} with Reconciled=True (operator log:\n${operator.tail()}\n)`,
    );
}

/** The gzipped YAML document the operator wrote into Secret `name` under `key`, parsed. */
export function generatedConfig(namespace: string, name: string, key: string): { text: string; doc: Obj } {
    const secret = get(["secret", name, "-n", namespace]);
    const zipped = secret.data?.[key];
    if (zipped === undefined) {
        throw new Error(`Secret ${namespace}/${name} has no ${key}; it holds ${Object.keys(secret.data ?? {}).join(", ")}`);
    }
    const text = zlib.gunzipSync(Buffer.from(zipped, "base64")).toString("utf8");
    return { text, doc: YAML.parse(text) as Obj };
}

/** Every file path a Prometheus or Alertmanager config reads: `*_file` values and `rule_files`. */
export function referencedFiles(node: unknown, key = ""): string[] {
    if (typeof node === "string") {
        return key.endsWith("_file") || key === "rule_files" ? [node] : [];
    }
    if (Array.isArray(node)) {
        return node.flatMap((v) => referencedFiles(v, key));
    }
    if (node !== null && typeof node === "object") {
        return Object.entries(node).flatMap(([k, v]) => referencedFiles(v, k));
    }
    return [];
}

/** Where the kubelet mounts the service account token, unless the pod opts out. */
const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/** Files among `files` that no volume mount of `container` (nor the service account mount) provides. */
export function unmountedFiles(files: string[], podSpec: Obj, container: string): string[] {
    const c = (podSpec.containers as Obj[]).find((x) => x.name === container);
    if (c === undefined) {
        throw new Error(`no container ${container} in the pod template`);
    }
    const dirs = (c.volumeMounts as Obj[] ?? []).map((m) => m.mountPath as string);
    if (podSpec.automountServiceAccountToken !== false) {
        dirs.push(SERVICE_ACCOUNT_DIR);
    }
    return files.filter((f) => !dirs.some((d) => f === d || f.startsWith(`${d.replace(/\/$/, "")}/`)));
}
