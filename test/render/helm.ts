/**
 * `helm template` of a helm.v4.Chart resource's inputs, the way the v4 Chart renders them:
 * same chart, version, values, release name and namespace; hook objects (helm.sh/hook) left
 * out, since the v4 Chart does not run hooks. Charts come from CHART_MIRROR (a directory with
 * one unpacked chart folder per chart name) when set, else from the chart's repository.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { RENDER_API_VERSIONS } from "../../components/builders/charts/render";
import type { PolicyObject } from "../policies/harness";

export const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";


export type Rendered = { objects: PolicyObject[] } | { skipped: string };

/** helm's version line, or undefined when no helm is on PATH. */
export function helmVersion(): string | undefined {
    const r = spawnSync("helm", ["version", "--short"], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The Pulumi type token of a manifest: kubernetes:<group or core>/<version>:<Kind>. */
export function typeToken(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
    return `kubernetes:${group}/${version}:${kind}`;
}

interface ChartArgs {
    chart: string;
    version?: string;
    repositoryOpts?: { repo?: string };
    values?: Record<string, unknown>;
    namespace?: string;
    name?: string;
}

/** helm arguments that locate the chart, or a reason it cannot be reached. */
function chartArgs(args: ChartArgs): { argv: string[] } | { skipped: string } {
    const mirror = process.env.CHART_MIRROR;
    if (mirror !== undefined && mirror !== "") {
        const dir = path.join(mirror, path.basename(args.chart));
        if (!fs.existsSync(path.join(dir, "Chart.yaml"))) {
            return { skipped: `CHART_MIRROR=${mirror} has no ${path.basename(args.chart)}/Chart.yaml` };
        }
        const found = YAML.parse(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8")).version;
        if (args.version !== undefined && found !== args.version) {
            throw new Error(`${dir} is chart version ${found}, but the program pins ${args.version}: update the mirror or components/versions.ts`);
        }
        return { argv: [dir] };
    }
    if (fs.existsSync(args.chart)) {
        return { argv: [args.chart] };
    }
    const repo = args.repositoryOpts?.repo;
    return { argv: [args.chart, ...(args.version ? ["--version", args.version] : []), ...(repo ? ["--repo", repo] : [])] };
}

/** Renders one Chart resource into the objects the v4 Chart would register as its children. */
export function renderChart(chart: PolicyObject): Rendered {
    const args = chart.props as ChartArgs;
    const located = chartArgs(args);
    if ("skipped" in located) {
        return located;
    }
    const release = args.name ?? chart.name;
    const namespace = args.namespace ?? "default";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
    try {
        const valuesFile = path.join(dir, "values.json");
        fs.writeFileSync(valuesFile, JSON.stringify(args.values ?? {}));
        const argv = ["template", release, ...located.argv, "--namespace", namespace, "--values", valuesFile, ...RENDER_API_VERSIONS.flatMap((a) => ["--api-versions", a])];
        const r = spawnSync("helm", argv, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
        if (r.status !== 0) {
            const reason = r.stderr.trim();
            // No network or no repository: skip; a values error is a failure.
            if (/(dial tcp|no such host|connection refused|i\/o timeout|could not find|failed to fetch|Temporary failure)/i.test(reason)) {
                return { skipped: `${args.chart} cannot be reached: ${reason.split("\n")[0]}` };
            }
            throw new Error(`helm ${argv.join(" ")} failed:\n${reason}`);
        }
        return { objects: parseManifests(r.stdout, chart, namespace) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The non-hook objects of a multi-document manifest, as the Chart's children. */
export function parseManifests(text: string, chart: PolicyObject, namespace: string): PolicyObject[] {
    const out: PolicyObject[] = [];
    for (const doc of YAML.parseAllDocuments(text)) {
        const obj = doc.toJSON() as Record<string, any> | null;
        if (obj === null || typeof obj !== "object" || obj.kind === undefined) {
            continue;
        }
        if (obj.metadata?.annotations?.["helm.sh/hook"] !== undefined) {
            continue;
        }
        const metadata = { ...obj.metadata, namespace: obj.metadata?.namespace ?? namespace };
        out.push({
            type: typeToken(obj.apiVersion, obj.kind),
            name: `${chart.name}:${metadata.namespace}/${metadata.name}`,
            props: { ...obj, metadata },
            // Chart children get no resource options from the Chart (pulumi-kubernetes#3065).
            opts: { protect: false },
        });
    }
    return out;
}
