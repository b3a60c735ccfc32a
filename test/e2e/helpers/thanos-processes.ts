/**
 * Thanos components run on 127.0.0.1 from the command lines the charts and the operator give
 * their containers. Only what is specific to a pod is rewritten: listen addresses (a pod binds
 * 0.0.0.0 on fixed ports; here each process gets a free loopback port), paths of mounted volumes
 * and files (a temp dir here), and DNS service discovery names (no cluster DNS here; each name
 * becomes the loopback addresses of the processes behind that Service). Every other flag is
 * passed as rendered, so the test runs what the cluster runs.
 */
import * as path from "path";
import { Daemon } from "./daemon";
import { waitReady } from "./stack-processes";
import { TOOLS } from "./tools";

/** The local stand-ins for a pod's addresses and mounted paths. */
export interface LocalPod {
    grpc?: number;
    http?: number;
    /** The data volume (--data-dir, --tsdb.path). */
    dataDir?: string;
    /** Mounted files by their path in the pod (objstore config, HTTP client config). */
    files?: Record<string, string>;
    /** --prometheus.url: the Prometheus this sidecar belongs to. */
    prometheusUrl?: string;
    /** Loopback addresses behind an --endpoint target (a dnssrv+ Service name). */
    endpoints?: (target: string) => string[];
}

function need<T>(value: T | undefined, what: string, arg: string): T {
    if (value === undefined) {
        throw new Error(`no local stand-in for ${what} (${arg})`);
    }
    return value;
}

/** The rendered args with the pod's addresses and paths replaced by local ones (see the file comment). */
export function localArgs(args: string[], pod: LocalPod): string[] {
    return args.flatMap((arg) => {
        const m = /^(--[^=]+)=(.*)$/s.exec(arg);
        if (m === null) {
            return [arg];
        }
        const [, flag, value] = m;
        switch (flag) {
            case "--grpc-address":
                return [`${flag}=127.0.0.1:${need(pod.grpc, "the gRPC port", arg)}`];
            case "--http-address":
                return [`${flag}=127.0.0.1:${need(pod.http, "the HTTP port", arg)}`];
            case "--data-dir":
            case "--tsdb.path":
                return [`${flag}=${need(pod.dataDir, "the data volume", arg)}`];
            case "--prometheus.url":
                return [`${flag}=${need(pod.prometheusUrl, "Prometheus' URL", arg)}`];
            case "--objstore.config-file":
            case "--prometheus.http-client-file":
                return [`${flag}=${need(pod.files?.[value], `the mounted file ${value}`, arg)}`];
            case "--endpoint":
            case "--endpoint-strict":
                return need(pod.endpoints, "service discovery", arg)(value).map((a) => `${flag}=${a}`);
            default:
                return [arg];
        }
    });
}

/** `thanos <component>` with `args`, `env` its whole environment; resolves once /-/ready answers. */
export async function startThanos(name: string, args: string[], env: Record<string, string>, dir: string, http: number): Promise<Daemon> {
    const d = new Daemon(name, TOOLS.thanos, args, path.join(dir, `${name}.log`), env);
    await waitReady(d, `http://127.0.0.1:${http}/-/ready`);
    return d;
}

/**
 * The Service a `dnssrv+_grpc._tcp.<service>.<namespace>.svc...` endpoint resolves, or
 * undefined for another form. The SRV name asks for the Service's port named grpc.
 */
export function srvService(target: string): { service: string; namespace: string } | undefined {
    const m = /^dnssrv\+_grpc\._tcp\.([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.|$)/.exec(target);
    return m === null ? undefined : { service: m[1], namespace: m[2] };
}
