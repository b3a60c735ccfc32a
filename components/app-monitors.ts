/**
 * AppMonitors: a ServiceMonitor or PodMonitor per onboarded app, in the stack namespace.
 *
 * Not in the app's namespace: teams onboard an app before deploying it, and an object in a
 * namespace that does not exist yet fails the whole `pulumi up` (`namespaces "shop" not
 * found`). The monitor selects the app's namespace instead (builders/app-monitors.ts), which
 * needs nothing beyond what the chart already sets up (checked against kube-prometheus-stack
 * 88.5.3, operator v0.93):
 * - selection: Prometheus selects monitors of any label in any namespace
 *   (`*SelectorNilUsesHelmValues: false` and the chart's empty `*NamespaceSelector`s, in
 *   builders/prometheus-values.ts); `ignoreNamespaceSelectors` and `enforcedNamespaceLabel` stay
 *   unset, so `namespaceSelector` is honoured and `namespace` stays the target's namespace;
 * - RBAC: templates/prometheus/clusterrole.yaml grants Prometheus' ServiceAccount get, list and
 *   watch on services, endpoints, pods and endpointslices in every namespace through a
 *   ClusterRoleBinding (global.rbac.create, builders/kube-prometheus-values.ts), so discovery in
 *   the app's namespace needs no Role there, and a namespace that does not exist yet is simply
 *   empty. A monitor that one day references a Secret (basic auth, TLS) must find it in the
 *   stack namespace: the operator reads Secrets from the monitor's own namespace.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { appMonitor } from "./builders/app-monitors";
import type { AppConfig } from "./schema";

export interface AppMonitorsArgs {
    /** The apps to scrape (`observability:apps`); one monitor each. */
    apps: AppConfig[];
    /** Namespace the monitors go into: the stack namespace (the stack's namespace output, for ordering). */
    namespace: pulumi.Input<string>;
    /**
     * Resources that install the monitor CRDs (the kube-prometheus-stack chart): the monitors
     * are created after them and deleted before them.
     */
    crds: pulumi.Input<pulumi.Resource>[];
}

export class AppMonitors extends pulumi.ComponentResource {
    /** `<kind>/<namespace>/<name>` of every monitor created, in config order. */
    public readonly monitors: pulumi.Output<string[]>;

    constructor(name: string, args: AppMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:AppMonitors", name, {}, opts);
        const specs = args.apps.map(appMonitor);
        for (const spec of specs) {
            // Named after the object (appObjectName), so two apps never share a resource name.
            new k8s.apiextensions.CustomResource(`${name}-${spec.metadata.name}`, {
                ...spec,
                metadata: { ...spec.metadata, namespace: args.namespace },
            }, { parent: this, dependsOn: args.crds });
        }
        this.monitors = pulumi.output(args.namespace).apply((ns) => specs.map((s) => `${s.kind}/${ns}/${s.metadata.name}`));
        this.registerOutputs({ monitors: this.monitors });
    }
}
