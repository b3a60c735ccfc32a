/**
 * Charts rendered with `helm template` (the render tier's helper), and what kubelet would do
 * with one of their containers: env resolved from the Secrets and fields it names, $(VAR) in args
 * expanded. The e2e tier runs the resulting command on 127.0.0.1 instead of in a pod.
 */
import * as fs from "fs";
import * as path from "path";
import type { ChartRef } from "../../../components/versions";
import { CHART_TYPE, helmVersion, renderChart } from "../../render/helm";
import type { EnvVar } from "./operator-thanos";

/** A rendered Kubernetes object (its manifest). */
export type K8sObject = Record<string, any>;

/**
 * Why charts cannot be rendered here (no chart mirror, no helm), or nothing. Puts the mirror's
 * own helm ($CHART_MIRROR/../bin, as ../shared/chart-mirror.sh lays it out) first on PATH.
 */
export function chartRenderingMissing(...charts: ChartRef[]): string | undefined {
    const mirror = process.env.CHART_MIRROR;
    if (mirror === undefined || mirror === "") {
        return "CHART_MIRROR is not set (export CHART_MIRROR=$HOME/.cache/chart-mirror/charts)";
    }
    const absent = charts.filter((c) => !fs.existsSync(path.join(mirror, c.name, "Chart.yaml")));
    if (absent.length > 0) {
        return `CHART_MIRROR=${mirror} has no ${absent.map((c) => `${c.name}/Chart.yaml`).join(", ")}`;
    }
    const bin = path.resolve(mirror, "..", "bin");
    if (fs.existsSync(path.join(bin, "helm")) && !(process.env.PATH ?? "").split(path.delimiter).includes(bin)) {
        process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ""}`;
    }
    return helmVersion() === undefined ? "no helm on PATH or in $CHART_MIRROR/../bin" : undefined;
}

/** `helm template` of `chart` at its pin, as helm.v4.Chart renders it (hooks left out). */
export function renderRelease(chart: ChartRef, release: string, namespace: string, values: Record<string, unknown>): K8sObject[] {
    const rendered = renderChart({
        type: CHART_TYPE,
        name: release,
        props: { chart: chart.name, version: chart.version, repositoryOpts: { repo: chart.repo }, values, namespace, name: release },
    });
    if ("skipped" in rendered) {
        throw new Error(`cannot render ${chart.name}: ${rendered.skipped}`);
    }
    return rendered.objects.map((o) => o.props);
}

/** The one workload among `objects` with a container named `name`, and that container. */
export function findContainer(objects: K8sObject[], name: string): { workload: K8sObject; container: K8sObject } {
    const found = objects.flatMap((workload) =>
        ((workload.spec?.template?.spec?.containers ?? []) as K8sObject[]).filter((c) => c.name === name).map((container) => ({ workload, container })));
    if (found.length !== 1) {
        throw new Error(`expected one rendered container named ${name}, found ${found.length}`);
    }
    return found[0];
}

/** One object by kind and name. */
export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
    const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
    if (found === undefined) {
        throw new Error(`no rendered ${kind} ${name} (rendered: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(", ")})`);
    }
    return found;
}

/** What kubelet resolves env from: Secret data by name and key, and downward-API fields. */
export interface PodContext {
    secrets: Record<string, Record<string, string>>;
    fields: Record<string, string>;
}

/** A container's env as kubelet resolves it; a Secret key or field that does not exist is an error. */
export function resolveEnv(env: EnvVar[], ctx: PodContext): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of env) {
        if (e.value !== undefined || e.valueFrom === undefined) {
            out[e.name] = expand(e.value ?? "", out);
        } else if (e.valueFrom.secretKeyRef !== undefined) {
            const { name, key } = e.valueFrom.secretKeyRef;
            const value = ctx.secrets[name]?.[key];
            if (value === undefined) {
                throw new Error(`env ${e.name} names Secret ${name} key ${key}, which the test's namespace does not hold`);
            }
            out[e.name] = value;
        } else if (e.valueFrom.fieldRef !== undefined && ctx.fields[e.valueFrom.fieldRef.fieldPath] !== undefined) {
            out[e.name] = ctx.fields[e.valueFrom.fieldRef.fieldPath];
        } else {
            throw new Error(`env ${e.name}: cannot resolve ${JSON.stringify(e.valueFrom)}`);
        }
    }
    return out;
}

/** kubelet's $(VAR) expansion in args, from the container's own env. */
export function expand(arg: string, env: Record<string, string>): string {
    return arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
}
