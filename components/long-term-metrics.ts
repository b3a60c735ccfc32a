/**
 * LongTermMetrics (`prometheus.longTerm`): the thanos chart's Query, Store Gateway and Compactor
 * over the metrics bucket, and their NetworkPolicy. The sidecars are kube-prometheus-stack's
 * (builders/prometheus-values.ts); the objstore Secret they share is made first, by
 * `thanosObjstoreSecret`, so Prometheus' pods never start without it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { chartSource } from "./builders/chart-source";
import { RELEASES, thanosQueryUrl } from "./builders/endpoints";
import { THANOS_OBJSTORE_SECRET, thanosObjstoreConfig } from "./builders/object-storage";
import { thanosNetworkPolicySpec } from "./builders/thanos-network-policy";
import { thanosValues } from "./builders/thanos-values";
import { helmChart } from "./chart";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";
import { CHARTS } from "./versions";

/**
 * The objstore config Secret of the sidecars and the thanos chart: endpoint and bucket only, the
 * keys stay in the credentials Secret. A Secret because both consumers take only a Secret
 * (Prometheus' thanos.objectStorageConfig, the chart's objstoreConfig.name).
 */
export function thanosObjstoreSecret(name: string, config: StackConfig, namespace: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret | undefined {
    const store = config.objectStorage;
    const bucket = store?.buckets.metrics;
    if (!config.prometheus.longTerm.enabled || store === undefined || bucket === undefined) {
        return undefined;
    }
    return new k8s.core.v1.Secret(name, {
        metadata: { name: THANOS_OBJSTORE_SECRET.name, namespace, labels: standardLabels("thanos", RELEASES.thanos, "objstore-config") },
        type: "Opaque",
        stringData: { [THANOS_OBJSTORE_SECRET.key]: thanosObjstoreConfig(store, bucket) },
    }, opts);
}

export interface LongTermMetricsArgs {
    config: StackConfig;
    namespace: pulumi.Input<string>;
    /** Password of the chart repository (secret `chartRepositoryPassword`), for `mirrors.charts.username`. */
    repositoryPassword?: pulumi.Input<string>;
    /** The objstore Secret and kube-prometheus-stack's chart (the ServiceMonitor CRD). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class LongTermMetrics extends pulumi.ComponentResource {
    /** Thanos Query's in-cluster URL, Grafana's Prometheus datasource. */
    public readonly queryUrl: pulumi.Output<string>;

    constructor(name: string, args: LongTermMetricsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:LongTermMetrics", name, {}, opts);
        const { config } = args;
        const chart = helmChart(`${name}-chart`, {
            source: chartSource(CHARTS.thanos, config.mirrors, args.repositoryPassword),
            release: RELEASES.thanos,
            namespace: args.namespace,
            values: thanosValues(config),
            config,
        }, { parent: this, dependsOn: args.dependsOn });
        if (config.protection.networkPolicies) {
            new k8s.networking.v1.NetworkPolicy(`${name}-network-policy`, {
                metadata: { name: RELEASES.thanos, namespace: args.namespace, labels: standardLabels("thanos", RELEASES.thanos, "network-policy") },
                spec: thanosNetworkPolicySpec(),
            }, { parent: this });
        }
        this.queryUrl = chart.urn.apply(() => thanosQueryUrl(config.namespace));
        this.registerOutputs({ queryUrl: this.queryUrl });
    }
}
