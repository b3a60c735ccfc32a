/**
 * Pushgateway: the prometheus-pushgateway chart, scraped by Prometheus through the chart's own
 * ServiceMonitor (Prometheus selects ServiceMonitors in every namespace).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { chartSource } from "./builders/chart-source";
import { helmChart } from "./chart";
import { PUSHGATEWAY_CHART, PUSHGATEWAY_RELEASE, pushgatewayUrl, pushgatewayValues, pushgatewayVolumeClaim } from "./builders/pushgateway-values";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";

export interface PushgatewayArgs {
    /** The validated stack config (pushgateway section, mirrors, storage, protection). */
    config: StackConfig;
    /** Password of the chart repository (secret `chartRepositoryPassword`), for `mirrors.charts.username`. */
    repositoryPassword?: pulumi.Input<string>;
    /** Namespace to install into (the stack's namespace output, for ordering). */
    namespace: pulumi.Input<string>;
    /** What installs the ServiceMonitor CRD: the kube-prometheus-stack chart. */
    crds: pulumi.Input<pulumi.Resource>[];
}

export class Pushgateway extends pulumi.ComponentResource {
    /** In-cluster base URL jobs push to, e.g. http://pushgateway.monitoring.svc:9091. */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: PushgatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:Pushgateway", name, {}, opts);
        const { config } = args;
        const claimSpec = pushgatewayVolumeClaim(config);
        const keep = config.protection.protectStatefulResources;
        const claim = claimSpec === undefined ? undefined : new k8s.core.v1.PersistentVolumeClaim(`${name}-storage`, {
            metadata: {
                name: PUSHGATEWAY_RELEASE,
                namespace: args.namespace,
                labels: standardLabels("pushgateway", PUSHGATEWAY_RELEASE, "storage"),
                // A WaitForFirstConsumer claim binds only once the pod that waits for it exists.
                annotations: { "pulumi.com/skipAwait": "true" },
            },
            spec: claimSpec,
        }, { parent: this, protect: keep, retainOnDelete: keep });
        helmChart(`${name}-chart`, {
            source: chartSource(PUSHGATEWAY_CHART, config.mirrors, args.repositoryPassword),
            release: PUSHGATEWAY_RELEASE,
            namespace: args.namespace,
            values: pushgatewayValues(config),
            config,
        }, { parent: this, dependsOn: [...args.crds, ...(claim === undefined ? [] : [claim])] });
        this.url = pulumi.output(pushgatewayUrl(config.namespace));
        this.registerOutputs({ url: this.url });
    }
}
