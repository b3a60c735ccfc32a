/**
 * Loki: the grafana-community loki chart as one monolithic binary on a PVC or, with
 * `loki.mode: distributed`, as separate components on the object store behind the chart's
 * gateway; its rule files and, where `protection.networkPolicies` is on, NetworkPolicies
 * admitting only its known clients.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { chartSource } from "./builders/chart-source";
import { helmChart } from "./chart";
import { lokiPushUrl, lokiUrl, RELEASES } from "./builders/endpoints";
import { lokiNetworkPolicies } from "./builders/loki/network-policies";
import { LOKI_RULES_CONFIGMAP, lokiValues } from "./builders/loki-values";
import { lokiRuleFiles } from "./builders/rules/log-alerts";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";
import { CHARTS } from "./versions";

export interface LokiArgs {
    /** The validated stack config (sections loki, objectStorage, storage, mirrors, protection, namespace). */
    config: StackConfig;
    /** Password of the chart repository (secret `chartRepositoryPassword`), for `mirrors.charts.username`. */
    repositoryPassword?: pulumi.Input<string>;
    /** Namespace to install into; an output of the namespace resource so Loki waits for it. */
    namespace: pulumi.Input<string>;
    /**
     * Ruler rule files, file name to YAML text of Loki rule groups (LogQL alerting and recording
     * rules). Default: the log alerts of the config (builders/rules/log-alerts.ts); with none,
     * the ruler runs idle, still pointed at Alertmanager.
     */
    rules?: Record<string, string>;
    /** Resources the chart must wait for, e.g. the Prometheus Operator CRDs its ServiceMonitor needs. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class Loki extends pulumi.ComponentResource {
    /** Where log agents and the event exporter push (…/loki/api/v1/push). */
    public readonly pushUrl: pulumi.Output<string>;
    /** Loki's base URL for queries and the Grafana datasource (single binary :3100 or gateway :80, no path). */
    public readonly queryUrl: pulumi.Output<string>;

    constructor(name: string, args: LokiArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:Loki", name, {}, opts);
        const { config } = args;
        const files = args.rules ?? lokiRuleFiles(config);
        const rules = new k8s.core.v1.ConfigMap(`${name}-rules`, {
            metadata: {
                name: LOKI_RULES_CONFIGMAP,
                namespace: args.namespace,
                labels: standardLabels("loki", RELEASES.loki, "rules"),
            },
            // No rules yet is no `data` field: the API server drops an empty map, which would diff.
            ...(Object.keys(files).length > 0 ? { data: files } : {}),
        }, { parent: this });
        const chart = helmChart(`${name}-chart`, {
            source: chartSource(CHARTS.loki, config.mirrors, args.repositoryPassword),
            release: RELEASES.loki,
            namespace: args.namespace,
            values: lokiValues(config),
            config,
        }, { parent: this, dependsOn: [rules, ...(args.dependsOn ?? [])] });
        if (config.protection.networkPolicies) {
            for (const policy of lokiNetworkPolicies(config.loki.mode)) {
                new k8s.networking.v1.NetworkPolicy(`${name}-${policy.role}`, {
                    metadata: {
                        name: policy.name,
                        namespace: args.namespace,
                        labels: standardLabels("loki", RELEASES.loki, policy.role),
                    },
                    // Plain data from a builder; the Kubernetes API validates the shape.
                    spec: policy.spec as unknown as k8s.types.input.networking.v1.NetworkPolicySpec,
                }, { parent: this });
            }
        }
        // Through the chart's urn, so the agents and the event exporter start after Loki.
        this.pushUrl = chart.urn.apply(() => lokiPushUrl(config.namespace, config.loki.mode));
        // Not through the chart: Grafana (MetricsStack) takes this URL while Loki's chart waits
        // for MetricsStack's CRDs (dependsOn), and a datasource needs no running Loki.
        this.queryUrl = pulumi.output(lokiUrl(config.namespace, config.loki.mode));
        this.registerOutputs({ pushUrl: this.pushUrl, queryUrl: this.queryUrl });
    }
}
