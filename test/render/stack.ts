/** A whole stack as the render tier sees it: the program's objects with every chart rendered, and the pack's verdict. */
import { POLICIES } from "../../policies/pack";
import { runProgram } from "../helpers/program";
import { PolicyObject, runPack, Violation } from "../policies/harness";
import { packConfig } from "../policies/pack-config";
import { programObjects } from "../policies/program-objects";
import { CHART_TYPE, renderChart } from "./helm";

export interface StackRender {
    objects: PolicyObject[];
    violations: Violation[];
}

/** The program's objects with every Chart rendered, or the reason a chart could not be. */
export async function renderStack(stack: string, overrides: Record<string, unknown> = {}): Promise<StackRender | string> {
    const own = programObjects((await runProgram(stack, overrides)).mocks.resources);
    const objects = [...own];
    for (const chart of own.filter((o) => o.type === CHART_TYPE)) {
        const rendered = renderChart(chart);
        if ("skipped" in rendered) {
            return rendered.skipped;
        }
        objects.push(...rendered.objects);
    }
    return { objects, violations: await runPack(POLICIES, objects, packConfig(stack)) };
}

