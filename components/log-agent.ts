/**
 * LogAgent: the node log collector, Promtail or Grafana Alloy per `logAgent.kind`, as a
 * DaemonSet from its chart, with a read-only ClusterRole of its own (the charts' roles read
 * Secrets or the kubelet API).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { alloyValues } from "./builders/alloy-values";
import { chartSource } from "./builders/chart-source";
import { helmChart } from "./chart";
import { RELEASES } from "./builders/endpoints";
import { logAgentRules } from "./builders/log-agent-rbac";
import { promtailValues } from "./builders/promtail-values";
import { standardLabels } from "./labels";
import { clusterScopedName } from "./namespace";
import type { StackConfig } from "./schema";
import { CHARTS } from "./versions";

export interface LogAgentArgs {
    /** The validated stack config (sections logAgent, apps, cluster, mirrors, namespace). */
    config: StackConfig;
    /** Password of the chart repository (secret `chartRepositoryPassword`), for `mirrors.charts.username`. */
    repositoryPassword?: pulumi.Input<string>;
    /** Namespace to install into. */
    namespace: pulumi.Input<string>;
    /** Loki push endpoint (Loki's `pushUrl` output). */
    pushUrl: pulumi.Input<string>;
    /** Resources the chart must wait for, e.g. the Prometheus Operator CRDs its ServiceMonitor needs. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class LogAgent extends pulumi.ComponentResource {
    /** Which agent runs: "promtail" or "alloy". */
    public readonly kind: pulumi.Output<string>;
    /** Name of the agent's ServiceAccount (the chart's fullname). */
    public readonly serviceAccountName: pulumi.Output<string>;

    constructor(name: string, args: LogAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:LogAgent", name, {}, opts);
        const { config } = args;
        const kind = config.logAgent.kind;
        const labels = standardLabels(kind, RELEASES.logAgent, "log-agent");
        const roleName = clusterScopedName(args.namespace, RELEASES.logAgent);
        const role = new k8s.rbac.v1.ClusterRole(`${name}-cluster-role`, {
            metadata: { name: roleName, labels },
            rules: logAgentRules(),
        }, { parent: this });
        const binding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-cluster-role-binding`, {
            metadata: { name: roleName, labels },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name },
            subjects: [{ kind: "ServiceAccount", name: RELEASES.logAgent, namespace: args.namespace }],
        }, { parent: this });
        const values = pulumi.output(args.pushUrl).apply((pushUrl) =>
            kind === "alloy" ? alloyValues({ config, pushUrl }) : promtailValues({ config, pushUrl }),
        );
        // One resource name for both kinds: switching kind updates the same objects (same
        // Kubernetes names), where a second Chart would create them before the first let go.
        helmChart(`${name}-chart`, {
            source: chartSource(kind === "alloy" ? CHARTS.alloy : CHARTS.promtail, config.mirrors, args.repositoryPassword),
            release: RELEASES.logAgent,
            namespace: args.namespace,
            values,
            config,
        }, { parent: this, dependsOn: [binding, ...(args.dependsOn ?? [])] });
        this.kind = pulumi.output(kind);
        this.serviceAccountName = pulumi.output(RELEASES.logAgent);
        this.registerOutputs({ kind: this.kind, serviceAccountName: this.serviceAccountName });
    }
}
