/**
 * One Helm chart of the stack. Against a cluster it is a helm.v4.Chart, which asks the cluster
 * for its version and APIs. When rendering to YAML (`kubernetes.renderYamlTo`) no cluster is
 * asked, and helm.v4.Chart then renders for Helm's built-in Kubernetes v1.20, which the charts'
 * kubeVersion constraints refuse and which it offers no way to change. So in that mode the chart
 * is rendered by the provider's helm template invoke for `kubernetes.renderKubeVersion`, and
 * its objects are registered through a yaml.v2.ConfigGroup: the same provider code that
 * registers a v4 Chart's objects (CRDs first, the config.kubernetes.io/depends-on ordering).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ChartSource } from "./builders/chart-source";
import { templateOptions, withoutHooks } from "./builders/charts/render";
import type { StackConfig } from "./config";
import { DEFAULT_RENDER_KUBE_VERSION } from "./schema/core";

export interface HelmChartArgs {
    /** Where the chart comes from (builders/chart-source.ts). */
    source: ChartSource;
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
    const kubeVersion = kubernetes.renderKubeVersion ?? DEFAULT_RENDER_KUBE_VERSION;
    const objs = pulumi.output(args.values).apply(async (values) => {
        const jsonOpts = JSON.stringify(templateOptions({ source: args.source, release: args.release, namespace, values, kubeVersion }));
        // Through the component's parent, so the invoke uses the stack's render-mode provider.
        const rendered = await pulumi.runtime.invoke("kubernetes:helm:template", { jsonOpts }, { parent: opts.parent, async: true });
        return withoutHooks(rendered.result);
    });
    return new k8s.yaml.v2.ConfigGroup(name, { objs }, opts);
}
