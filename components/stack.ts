/** ObservabilityStack: the top-level component that owns the namespace and the credentials. */
import * as pulumi from "@pulumi/pulumi";
import type { LoadedConfig, StackConfig } from "./config";
import { createNamespace } from "./namespace";
import { readPrerequisites } from "./prerequisites";
import { StackSecrets } from "./secrets";

export interface ObservabilityStackArgs {
    /** The validated stack config. */
    config: StackConfig;
    /** Secret config values, kept as Pulumi secrets. */
    secrets: LoadedConfig["secrets"];
}

export class ObservabilityStack extends pulumi.ComponentResource {
    /** Name of the namespace everything is installed into. */
    public readonly namespace: pulumi.Output<string>;
    /** The generated and configured credentials. */
    public readonly secrets: StackSecrets;

    constructor(name: string, args: ObservabilityStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:ObservabilityStack", name, {}, opts);
        const { config } = args;
        // Everything else waits for the namespace, and the namespace for the cluster's prerequisites.
        const prerequisites = readPrerequisites(config, { parent: this });
        const namespace = createNamespace(`${name}-namespace`, config.namespace, {
            parent: this,
            dependsOn: prerequisites,
            // Deleting the namespace deletes every volume in it.
            protect: config.protection.protectStatefulResources,
            retainOnDelete: config.protection.protectStatefulResources,
        });
        this.namespace = namespace.metadata.name;
        this.secrets = new StackSecrets(`${name}-secrets`, {
            namespace: this.namespace,
            grafanaAdminUser: config.grafana.adminUser,
            grafanaAdminPasswordVersion: config.grafana.adminPasswordVersion,
            smtpUser: config.alerting.smtp.username,
            smtpPassword: args.secrets.smtpPassword,
            slackWebhookUrl: args.secrets.slackWebhookUrl,
            slackWebhookUrls: args.secrets.slackWebhookUrls,
            webhookUrls: args.secrets.webhookUrls,
        }, { parent: this });
        this.registerOutputs({ namespace: this.namespace, secrets: this.secrets });
    }
}
