/**
 * Where a chart is installed from: its public repository, or a mirror chosen in config
 * (`mirrors.charts`). Pure, so the render tier resolves charts exactly as the program does.
 */
import * as path from "path";
import type { StackConfig } from "../schema";
import type { ChartRef } from "../versions";

/**
 * The `chart`, `version` and `repositoryOpts` fields of a helm.v4.Chart. `P` is the password's
 * type: the component passes a Pulumi secret, which this pure module does not import.
 */
export interface ChartSource<P = string> {
    chart: string;
    version?: string;
    repositoryOpts?: { repo?: string; username?: string; password?: P };
}

/**
 * `password` is the secret `chartRepositoryPassword`, used with `mirrors.charts.username` for an
 * http or oci mirror (the provider logs in to an OCI registry with the same two fields).
 */
export function chartSource<P = string>(ref: ChartRef, mirrors: StackConfig["mirrors"], password?: P): ChartSource<P> {
    const mirror = mirrors.charts;
    if (mirror === undefined) {
        return { chart: ref.name, version: ref.version, repositoryOpts: { repo: ref.repo } };
    }
    const login = mirror.kind !== "local" && mirror.username !== undefined && password !== undefined ? { username: mirror.username, password } : {};
    switch (mirror.kind) {
        case "http":
            return { chart: ref.name, version: ref.version, repositoryOpts: { repo: mirror.url, ...login } };
        case "oci": {
            const chart = `${mirror.url.replace(/\/+$/, "")}/${ref.name}`;
            return mirror.username === undefined ? { chart, version: ref.version } : { chart, version: ref.version, repositoryOpts: login };
        }
        case "local":
            // A local chart folder carries its own version; the pin is checked by test:render.
            return { chart: path.resolve(mirror.path, ref.name) };
    }
}
