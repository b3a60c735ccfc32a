/**
 * The same stack installed the way the on-prem guides this program replaces do it by hand:
 * `kubectl apply --server-side` of the program's own objects and `helm install --wait` of each
 * chart with the program's values, in dependency order; `helm uninstall` and `kubectl delete`
 * to take it down. The objects and values are exactly what the program sends (under mocks).
 */
import * as fs from "fs";
import * as path from "path";
import type { RegisteredResource } from "../../mocks";
import { runProgram } from "../../helpers/program";
import { RELEASES } from "../../../components/builders/endpoints";
import type { ConfigTree } from "../../../components/presets";
import { CommandResult, ok, Project } from "../tier/pulumi";

const CHART = "kubernetes:helm.sh/v4:Chart";
/** Objects of CRDs: monitoring.coreos.com (installed by kube-prometheus-stack) and cert-manager.io. */
const isCustomResource = (r: RegisteredResource) => /^kubernetes:(monitoring\.coreos\.com|cert-manager\.io)\//.test(r.type);

interface Plan {
    namespace: RegisteredResource[];
    objects: RegisteredResource[];
    charts: RegisteredResource[];
    customResources: RegisteredResource[];
}

async function plan(stack: string, overrides: ConfigTree): Promise<Plan> {
    const { mocks } = await runProgram(stack, overrides);
    const k8s = mocks.resources.filter((r) => r.type.startsWith("kubernetes:") && r.inputs.kind !== undefined);
    return {
        namespace: k8s.filter((r) => r.inputs.kind === "Namespace"),
        objects: k8s.filter((r) => r.inputs.kind !== "Namespace" && !isCustomResource(r) && r.type !== CHART),
        charts: mocks.resources.filter((r) => r.type === CHART),
        customResources: k8s.filter(isCustomResource),
    };
}

function manifestFile(dir: string, name: string, objects: RegisteredResource[]): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items: objects.map((o) => o.inputs) }));
    return file;
}

/** Times one by-hand install and teardown; each command's figures are summed per phase. */
export class ByHand {
    private plan?: Plan;
    constructor(private readonly project: Project, private readonly stack: string, private readonly overrides: ConfigTree) {}

    async install(): Promise<CommandResult[]> {
        this.plan = await plan(this.stack, this.overrides);
        const dir = this.project.dir;
        const p = this.plan;
        const runs = [
            this.kubectl(["apply", "--server-side", "-f", manifestFile(dir, "namespace", p.namespace)]),
            this.kubectl(["apply", "--server-side", "-f", manifestFile(dir, "objects", p.objects)]),
        ];
        // kube-prometheus-stack comes first and installs the CRDs the custom resources need.
        const isKps = (c: RegisteredResource) => c.inputs.name === RELEASES.kubePrometheusStack;
        const rest = p.charts.filter((c) => !isKps(c));
        runs.push(...p.charts.filter(isKps).map((c) => this.helmInstall(c)));
        runs.push(this.kubectl(["apply", "--server-side", "-f", manifestFile(dir, "custom-resources", p.customResources)]));
        runs.push(...rest.map((c) => this.helmInstall(c)));
        return runs;
    }

    uninstall(): CommandResult[] {
        const p = this.plan!;
        const dir = this.project.dir;
        return [
            ...[...p.charts].reverse().map((c) => this.helm(["uninstall", c.inputs.name, "--namespace", c.inputs.namespace, "--wait"])),
            this.kubectl(["delete", "--ignore-not-found", "--wait", "-f", path.join(dir, "custom-resources.json"), "-f", path.join(dir, "objects.json"), "-f", path.join(dir, "namespace.json")]),
        ];
    }

    private helmInstall(chart: RegisteredResource): CommandResult {
        const values = path.join(this.project.dir, `${chart.name}-values.json`);
        fs.writeFileSync(values, JSON.stringify(chart.inputs.values ?? {}));
        const { name, chart: source, namespace } = chart.inputs;
        return this.helm(["install", name, source, "--namespace", namespace, "--values", values, "--wait", "--timeout", "15m"]);
    }

    private helm(args: string[]): CommandResult {
        return ok(this.project.run("helm", args, 1800), `helm ${args.slice(0, 2).join(" ")}`);
    }

    private kubectl(args: string[]): CommandResult {
        return ok(this.project.run("kubectl", args, 900), `kubectl ${args[0]}`);
    }
}
