/**
 * How a chart is rendered without a cluster (`kubernetes.renderYamlTo`): the options of the
 * provider's `kubernetes:helm:template` invoke, and the rendered objects the way helm.v4.Chart
 * would register them. Pure, so the render tier and the program agree on both.
 */
import * as path from "path";
import type { ChartSource } from "../chart-source";

/**
 * API groups the charts test with `.Capabilities.APIVersions` before rendering monitors and
 * disruption budgets. A live cluster reports them itself; rendering states them, because
 * kube-prometheus-stack installs the monitoring.coreos.com CRDs in the same update.
 */
export const RENDER_API_VERSIONS = ["monitoring.coreos.com/v1", "policy/v1/PodDisruptionBudget"];

export interface TemplateRequest {
    source: ChartSource;
    release: string;
    namespace: string;
    values: Record<string, unknown>;
    /** Kubernetes version the chart is rendered for, such as 1.34.0. */
    kubeVersion: string;
}

/**
 * The invoke's options (snake_case, as the provider's HelmChartOpts reads them). A local chart
 * folder is given as `path` (its parent) plus `chart` (its name), which is how the provider
 * joins them back together.
 */
export function templateOptions(r: TemplateRequest): Record<string, unknown> {
    const local = path.isAbsolute(r.source.chart);
    return {
        ...(local
            ? { path: path.dirname(r.source.chart), chart: path.basename(r.source.chart) }
            : { chart: r.source.chart, fetch_opts: { repo: r.source.repositoryOpts?.repo, version: r.source.version } }),
        version: r.source.version,
        release_name: r.release,
        namespace: r.namespace,
        values: r.values,
        kube_version: r.kubeVersion.replace(/^v?/, "v"),
        api_versions: RENDER_API_VERSIONS,
    };
}

/** A Kubernetes object as the provider's helm template invoke returns it (parsed). */
export type Manifest = Record<string, unknown> & { metadata?: { annotations?: Record<string, string> } };

/**
 * The rendered objects minus Helm hooks: helm.v4.Chart renders with hooks disabled, while the
 * template invoke keeps them, so both modes deploy the same set. The invoke answers with the
 * objects already parsed by the provider, so they go on to the ConfigGroup as they are.
 */
export function withoutHooks(objects: unknown): Manifest[] {
    if (!Array.isArray(objects)) {
        // An empty render would write nothing for the chart and still succeed.
        throw new Error(`the helm template invoke answered ${typeof objects}, not a list of objects`);
    }
    return objects.filter(
        (o): o is Manifest => typeof o === "object" && o !== null && (o as Manifest).metadata?.annotations?.["helm.sh/hook"] === undefined,
    );
}
