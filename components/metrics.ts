/**
 * MetricsStack: kube-prometheus-stack (operator, Prometheus, Alertmanager, Grafana,
 * node-exporter, kube-state-metrics) and the monitors of the onboarded apps.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppMonitors } from "./app-monitors";
import { chartSource } from "./builders/chart-source";
import { helmChart } from "./chart";
import { alertmanagerUrl, prometheusUrl, RELEASES } from "./builders/endpoints";
import { GRAFANA_CLAIM_NAME, grafanaVolumeClaim } from "./builders/grafana-values";
import { kubePrometheusValues } from "./builders/kube-prometheus-values";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";
import { CHARTS } from "./versions";

/** Grafana's Service port in the grafana chart (service.port). */
const GRAFANA_SERVICE_PORT = 80;

/**
 * Options for what holds data. Not set on the Chart: a v4 Chart's children are registered by
 * the provider, which did not pass `retainOnDelete` on to them (pulumi-kubernetes#3065, closed
 * as won't fix), and a `protect` that reached every child would block each chart upgrade that
 * drops an object. The data lives elsewhere: Prometheus and Alertmanager volumes belong to
 * their StatefulSets with a Retain policy (RETAIN_VOLUMES), and Grafana's claim is this
 * component's own resource with these options.
 */
export function statefulOptions(config: StackConfig): Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete"> {
    const keep = config.protection.protectStatefulResources;
    return { protect: keep, retainOnDelete: keep };
}

export interface MetricsStackArgs {
    /** The validated stack config. */
    config: StackConfig;
    /** Password of the chart repository (secret `chartRepositoryPassword`), for `mirrors.charts.username`. */
    repositoryPassword?: pulumi.Input<string>;
    /** Namespace to install into (the stack's namespace output, for ordering). */
    namespace: pulumi.Input<string>;
    /**
     * Loki's base URL for Grafana's Loki datasource; no Loki datasource when absent. Pass a
     * value known at preview time (endpoints.ts lokiUrl): unknown values keep the Chart from
     * rendering its objects in `pulumi preview`.
     */
    lokiUrl?: pulumi.Input<string>;
    /**
     * Receivers (alerting.receivers keys) with a Slack incoming-webhook URL of their own in the
     * receivers Secret (secret slackWebhookUrls); the names only, never the URLs. Default: none.
     */
    slackUrlReceivers?: string[];
    /** Resources the chart waits for, such as the credential Secrets Grafana and Alertmanager read. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class MetricsStack extends pulumi.ComponentResource {
    /** The kube-prometheus-stack chart: depend on it for the monitoring.coreos.com CRDs. */
    public readonly chart: pulumi.Resource;
    /** In-cluster Prometheus URL. */
    public readonly prometheusUrl: pulumi.Output<string>;
    /** In-cluster Alertmanager URL. */
    public readonly alertmanagerUrl: pulumi.Output<string>;
    /** In-cluster Grafana URL. */
    public readonly grafanaUrl: pulumi.Output<string>;
    /** Grafana's public URL when an Ingress publishes it, else null. */
    public readonly grafanaExternalUrl: pulumi.Output<string | null>;
    /** The monitors created for `apps`. */
    public readonly appMonitors: AppMonitors;

    constructor(name: string, args: MetricsStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:MetricsStack", name, {}, opts);
        const { config } = args;
        const claim = this.grafanaClaim(name, config, args.namespace);
        const values = pulumi.output(args.lokiUrl).apply((lokiUrl) => kubePrometheusValues(config, { lokiUrl, slackUrlReceivers: args.slackUrlReceivers }));
        this.chart = helmChart(`${name}-chart`, {
            source: chartSource(CHARTS.kubePrometheusStack, config.mirrors, args.repositoryPassword),
            release: RELEASES.kubePrometheusStack,
            namespace: args.namespace,
            values,
            config,
        }, {
            parent: this,
            dependsOn: [...(args.dependsOn ?? []), ...(claim === undefined ? [] : [claim])],
        });
        this.appMonitors = new AppMonitors(`${name}-apps`, { apps: config.apps, namespace: args.namespace, crds: [this.chart] }, { parent: this });

        const ns = config.namespace;
        this.prometheusUrl = pulumi.output(prometheusUrl(ns));
        this.alertmanagerUrl = pulumi.output(alertmanagerUrl(ns));
        this.grafanaUrl = pulumi.output(`http://${RELEASES.grafana}.${ns}.svc:${GRAFANA_SERVICE_PORT}`);
        const ingress = config.grafana.ingress;
        this.grafanaExternalUrl = pulumi.output(ingress.enabled ? `https://${ingress.host}/` : null);
        this.registerOutputs({
            chart: this.chart,
            prometheusUrl: this.prometheusUrl,
            alertmanagerUrl: this.alertmanagerUrl,
            grafanaUrl: this.grafanaUrl,
            grafanaExternalUrl: this.grafanaExternalUrl,
            appMonitors: this.appMonitors,
        });
    }

    private grafanaClaim(name: string, config: StackConfig, namespace: pulumi.Input<string>): k8s.core.v1.PersistentVolumeClaim | undefined {
        const spec = grafanaVolumeClaim(config);
        if (spec === undefined) {
            return undefined;
        }
        return new k8s.core.v1.PersistentVolumeClaim(`${name}-grafana-storage`, {
            metadata: {
                name: GRAFANA_CLAIM_NAME,
                namespace,
                labels: standardLabels("grafana", RELEASES.grafana, "storage"),
                // With a WaitForFirstConsumer class the claim binds only once Grafana's pod,
                // which waits for the claim, exists (pulumi-kubernetes#895); Grafana's
                // Deployment await reports a volume that never binds instead.
                annotations: { "pulumi.com/skipAwait": "true" },
            },
            spec,
        }, { parent: this, ...statefulOptions(config) });
    }
}
