/** AppMonitors: a ServiceMonitor or PodMonitor per onboarded app, in the app's namespace. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { appMonitor } from "./builders/app-monitors";
import type { AppConfig } from "./schema";

export interface AppMonitorsArgs {
    /** The apps to scrape (`observability:apps`); one monitor each. */
    apps: AppConfig[];
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
        const created = args.apps.map((app) => {
            const spec = appMonitor(app);
            new k8s.apiextensions.CustomResource(`${name}-${app.namespace}-${app.name}`, spec, {
                parent: this,
                dependsOn: args.crds,
            });
            return `${spec.kind}/${app.namespace}/${app.name}`;
        });
        this.monitors = pulumi.output(created);
        this.registerOutputs({ monitors: this.monitors });
    }
}
