/** kubectl against the tier's cluster (KUBECONFIG set by run.sh), parsed. */
import * as assert from "assert";
import { spawnSync } from "child_process";

export function kubectl(args: string[], input?: string): string {
    const r = spawnSync("kubectl", args, { encoding: "utf8", input, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
    if (r.status !== 0) {
        throw new Error(`kubectl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
    return r.stdout;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** `kubectl get -o json` of a list: its items. */
export function items(args: string[]): Obj[] {
    return JSON.parse(kubectl(["get", ...args, "-o", "json"])).items as Obj[];
}

export function get(args: string[]): Obj {
    return JSON.parse(kubectl(["get", ...args, "-o", "json"])) as Obj;
}

/** A Secret's data, base64-decoded, by key. */
export function secretData(secret: Obj): Record<string, string> {
    return Object.fromEntries(Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
}

/** Workloads in a namespace that are not ready: "<kind>/<name>: <why>" each. */
export function notReady(namespace: string): string[] {
    const out: string[] = [];
    for (const d of items(["deployments,statefulsets", "-n", namespace])) {
        const want = d.spec.replicas ?? 1;
        if ((d.status.readyReplicas ?? 0) < want) {
            out.push(`${d.kind}/${d.metadata.name}: ${d.status.readyReplicas ?? 0}/${want} ready`);
        }
    }
    for (const ds of items(["daemonsets", "-n", namespace])) {
        if ((ds.status.numberReady ?? 0) < ds.status.desiredNumberScheduled || ds.status.desiredNumberScheduled === 0) {
            out.push(`DaemonSet/${ds.metadata.name}: ${ds.status.numberReady}/${ds.status.desiredNumberScheduled} ready`);
        }
    }
    return out;
}

/** `read()` once `done` holds for it, checked every second for up to `seconds`. */
export function waitFor<T>(read: () => T, done: (value: T) => boolean, seconds: number, what: string): T {
    const tick = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; ; waited++) {
        const value = read();
        if (done(value)) {
            return value;
        }
        assert.ok(waited < seconds, `no ${what} after ${seconds} s: ${JSON.stringify(value)}`);
        Atomics.wait(tick, 0, 0, 1000);
    }
}
