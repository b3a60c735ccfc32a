/**
 * The cluster tier's figures for `npm run bench` (BENCH_CLUSTER=1): wall time and peak memory
 * of pulumi up, a no-change preview and destroy per stack, each beside the same stack installed
 * and removed by hand (by-hand.ts) on the same cluster in the same run. Run by run.sh inside the
 * tier's network namespace (CLUSTER_RUN). Figures only: nothing here fails on a slow machine.
 */
import { kubectl } from "../tier/kubectl";
import { CommandResult, ok, Project } from "../tier/pulumi";
import { ByHand } from "./by-hand";

interface Figure {
    seconds: number;
    peakMiB: number;
}

const sum = (rs: CommandResult[]): Figure => ({
    seconds: rs.reduce((s, r) => s + r.seconds, 0),
    peakMiB: Math.max(...rs.map((r) => r.peakMiB ?? 0)),
});

function pulumiStep(project: Project, args: string[]): Figure {
    return sum([ok(project.pulumi(args), `pulumi ${args[0]}`)]);
}

async function benchStack(stack: string): Promise<string[]> {
    const mirror = { "mirrors.charts.kind": "local", "mirrors.charts.path": process.env.CHART_MIRROR ?? "" };
    const hand = new ByHand(new Project(stack, `by-hand-${stack}`), stack, { mirrors: { charts: { kind: "local", path: process.env.CHART_MIRROR } } });
    const handUp = sum(await hand.install());
    const handDown = sum(hand.uninstall());
    kubectl(["delete", "namespace", "--ignore-not-found", "--wait", "monitoring"]);

    const project = new Project(stack, `bench-${stack}`);
    ok(project.pulumi(["stack", "init"]), "stack init");
    project.configure(mirror);
    const up = pulumiStep(project, ["up", "--yes", "--skip-preview"]);
    const preview = pulumiStep(project, ["preview", "--expect-no-changes"]);
    // prod protects its namespace and claims; a bench teardown lifts that first, as an operator would.
    ok(project.pulumi(["state", "unprotect", "--all", "--yes"]), "state unprotect");
    const destroy = pulumiStep(project, ["destroy", "--yes", "--skip-preview"]);
    kubectl(["delete", "namespace", "--ignore-not-found", "--wait", "monitoring"]);

    const row = (step: string, p: Figure, h?: Figure) =>
        [stack.padEnd(5), step.padEnd(18), p.seconds.toFixed(0).padStart(9), (h ? h.seconds.toFixed(0) : "-").padStart(10),
            (h ? `${(p.seconds / h.seconds).toFixed(2)}x` : "-").padStart(7), String(p.peakMiB).padStart(11), (h ? String(h.peakMiB) : "-").padStart(12)].join(" ");
    return [row("install (up)", up, handUp), row("no-change preview", preview), row("teardown (destroy)", destroy, handDown)];
}

async function main(): Promise<void> {
    const rows = [];
    for (const stack of ["dev", "prod"]) {
        rows.push(...(await benchStack(stack)));
    }
    console.log("\ncluster tier: the real engine against kube-apiserver + kwok, beside the same stack by hand (helm + kubectl)");
    console.log("stack step               pulumi s  by hand s   ratio  pulumi MiB  by hand MiB");
    console.log(rows.join("\n"));
}

main().then(() => process.exit(0), (e: unknown) => {
    console.error(e);
    process.exit(1);
});
