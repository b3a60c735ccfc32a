/**
 * EventExporter: kubernetes-event-exporter as plain objects (no chart): ServiceAccount,
 * read-only ClusterRole for events, a Role for its leader-election Lease, the config and the
 * Deployment. Every Kubernetes event becomes a Loki line with job="kubernetes-event".
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { RELEASES } from "./builders/endpoints";
import { EVENT_EXPORTER_APP, eventExporterConfigYaml } from "./builders/event-exporter-config";
import { eventExporterDeploymentSpec, eventExporterServiceMonitorSpec, eventExporterServiceSpec } from "./builders/event-exporter-deployment";
import { eventExporterClusterRules, eventExporterLeaseRules } from "./builders/event-exporter-rbac";
import { imageString, mirroredImage, pullSecrets } from "./builders/images";
import { selectorLabels, standardLabels } from "./labels";
import { clusterScopedName } from "./namespace";
import type { StackConfig } from "./schema";
import { IMAGES } from "./versions";

export interface EventExporterArgs {
    /** The validated stack config (sections eventExporter, cluster, mirrors, namespace). */
    config: StackConfig;
    /** Namespace to install into. */
    namespace: pulumi.Input<string>;
    /** Loki push endpoint (Loki's `pushUrl` output). */
    pushUrl: pulumi.Input<string>;
    /** Resources the ServiceMonitor must wait for: the Prometheus Operator CRDs (MetricsStack's chart). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class EventExporter extends pulumi.ComponentResource {
    /** Name of the exporter's Deployment. */
    public readonly deploymentName: pulumi.Output<string>;

    constructor(name: string, args: EventExporterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:EventExporter", name, {}, opts);
        const { config, namespace } = args;
        const objectName = RELEASES.eventExporter;
        const image = mirroredImage(IMAGES.eventExporter, config.mirrors);
        const labels = standardLabels(EVENT_EXPORTER_APP, objectName, "event-exporter", image.tag);
        const metadata = { name: objectName, namespace, labels };
        const child = { parent: this };

        const { account, leaseBinding } = this.rbac(name, metadata);

        const configText = pulumi.output(args.pushUrl).apply((pushUrl) =>
            eventExporterConfigYaml({ pushUrl, cluster: config.cluster.name }),
        );
        const configMap = new k8s.core.v1.ConfigMap(`${name}-config`, {
            metadata: { ...metadata, name: `${objectName}-config` },
            data: { "config.yaml": configText },
        }, child);

        const deployment = new k8s.apps.v1.Deployment(`${name}-deployment`, {
            metadata,
            spec: pulumi.all([configText, configMap.metadata.name, account.metadata.name]).apply(([text, cm, sa]) =>
                eventExporterDeploymentSpec({
                    image: imageString(image),
                    selector: selectorLabels(EVENT_EXPORTER_APP, objectName),
                    labels,
                    serviceAccountName: sa,
                    configMapName: cm,
                    configChecksum: createHash("sha256").update(text).digest("hex"),
                    replicas: config.eventExporter.replicas,
                    resources: config.eventExporter.resources,
                    imagePullSecrets: pullSecrets(config.mirrors),
                }),
            ),
        }, { ...child, dependsOn: [leaseBinding] });
        const selector = selectorLabels(EVENT_EXPORTER_APP, objectName);
        new k8s.core.v1.Service(`${name}-service`, { metadata, spec: eventExporterServiceSpec(selector) }, child);
        new k8s.apiextensions.CustomResource(`${name}-service-monitor`, {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "ServiceMonitor",
            metadata,
            spec: eventExporterServiceMonitorSpec(selector, config.prometheus.scrapeInterval),
        }, { ...child, dependsOn: args.dependsOn ?? [] });
        this.deploymentName = deployment.metadata.name;
        this.registerOutputs({ deploymentName: this.deploymentName });
    }

    /** The ServiceAccount, read-only access to events, and the Lease role for leader election. */
    private rbac(name: string, metadata: { name: string; namespace: pulumi.Input<string>; labels: Record<string, string> }) {
        const child = { parent: this };
        const account = new k8s.core.v1.ServiceAccount(`${name}-service-account`, { metadata }, child);
        const subjects = [{ kind: "ServiceAccount", name: account.metadata.name, namespace: metadata.namespace }];
        const clusterName = clusterScopedName(metadata.namespace, metadata.name);
        const clusterRole = new k8s.rbac.v1.ClusterRole(`${name}-cluster-role`, {
            metadata: { name: clusterName, labels: metadata.labels },
            rules: eventExporterClusterRules(),
        }, child);
        new k8s.rbac.v1.ClusterRoleBinding(`${name}-cluster-role-binding`, {
            metadata: { name: clusterName, labels: metadata.labels },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole.metadata.name },
            subjects,
        }, child);
        const leaseRole = new k8s.rbac.v1.Role(`${name}-lease-role`, { metadata, rules: eventExporterLeaseRules() }, child);
        const leaseBinding = new k8s.rbac.v1.RoleBinding(`${name}-lease-role-binding`, {
            metadata,
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: leaseRole.metadata.name },
            subjects,
        }, child);
        return { account, leaseBinding };
    }
}
