/**
 * Where a chart is installed from: its public repository, or a mirror chosen in config
 * (`mirrors.charts`). Pure, so the render tier resolves charts exactly as the program does.
 */
import * as path from "path";
import type { StackConfig } from "../schema";
import type { ChartRef } from "../versions";

/** The `chart`, `version` and `repositoryOpts` fields of a helm.v4.Chart. */
export interface ChartSource {
    chart: string;
    version?: string;
    repositoryOpts?: { repo: string };
}

export function chartSource(ref: ChartRef, mirrors: StackConfig["mirrors"]): ChartSource {
    const mirror = mirrors.charts;
    if (mirror === undefined) {
        return { chart: ref.name, version: ref.version, repositoryOpts: { repo: ref.repo } };
    }
    switch (mirror.kind) {
        case "http":
            return { chart: ref.name, version: ref.version, repositoryOpts: { repo: mirror.url } };
        case "oci":
            return { chart: `${mirror.url.replace(/\/+$/, "")}/${ref.name}`, version: ref.version };
        case "local":
            // A local chart folder carries its own version; the pin is checked by test:render.
            return { chart: path.resolve(mirror.path, ref.name) };
    }
}
