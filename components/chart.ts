/**
 * One Helm chart of the stack. Against a cluster it is a helm.v4.Chart, which asks the cluster
 * for its version and APIs. When rendering to YAML (`kubernetes.renderYamlTo`) no cluster is
 * asked, and helm.v4.Chart then renders for Helm's built-in Kubernetes v1.20, which the charts'
 * kubeVersion constraints refuse and which it offers no way to change; its object registration
 * also asks the cluster whether each custom kind is namespaced (cert-manager's, for one), which
 * fails without a cluster. So in that mode the chart is a helm.v3.Chart rendered for
 * `kubernetes.renderKubeVersion`: it takes the version and API list as arguments and registers
 * each object itself, custom kinds with the namespace the chart gives them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { ChartSource } from "./builders/chart-source";
import { dropHelmHooks, RENDER_API_VERSIONS } from "./builders/charts/render";
import type { StackConfig } from "./config";
import { DEFAULT_RENDER_KUBE_VERSION } from "./schema/core";

export interface HelmChartArgs {
    /** Where the chart comes from (builders/chart-source.ts); the repository password is a secret. */
    source: ChartSource<pulumi.Input<string>>;
    /** Helm release name. */
    release: string;
    /**
     * Namespace the chart's namespaced objects go to, against a cluster (an output of the
     * Namespace resource, so the chart waits for it). Rendering uses `config.namespace`.
     */
    namespace: pulumi.Input<string>;
    /** Helm values. */
    values: pulumi.Input<Record<string, unknown>>;
    /**
     * The stack config: `kubernetes` chooses the mode. Rendering uses the configured `namespace`
     * as a plain string, so a preview renders every object; order does not matter there, since
     * nothing is applied.
     */
    config: Pick<StackConfig, "kubernetes" | "namespace">;
}

/** A chart's objects as Pulumi resources; depend on it to wait for all of them. */
export function helmChart(name: string, args: HelmChartArgs, opts: pulumi.ComponentResourceOptions): pulumi.Resource {
    const { kubernetes, namespace } = args.config;
    if (kubernetes.renderYamlTo === undefined) {
        return new k8s.helm.v4.Chart(name, {
            ...args.source,
            name: args.release,
            namespace: args.namespace,
            values: args.values,
        }, opts);
    }
    const source = args.source;
    const local = path.isAbsolute(source.chart);
    return new k8s.helm.v3.Chart(args.release, {
        ...(local ? { path: source.chart } : { chart: source.chart, version: source.version, fetchOpts: { repo: source.repositoryOpts?.repo, username: source.repositoryOpts?.username, password: source.repositoryOpts?.password } }),
        namespace,
        values: args.values,
        kubeVersion: kubernetes.renderKubeVersion ?? DEFAULT_RENDER_KUBE_VERSION,
        apiVersions: RENDER_API_VERSIONS,
        transformations: [dropHelmHooks],
    }, opts);
}
