/**
 * Generated credentials, stored only in Kubernetes Secrets and Pulumi secrets. Charts consume
 * them by reference (existingSecret, mounted password files), never as values.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { SECRETS, slackUrlKey, webhookUrlKey } from "./builders/secret-refs";
import { receiverNameOf } from "./schema/routes";
import { standardLabels } from "./labels";

export { SECRETS, slackUrlKey, webhookUrlKey };

/** Generated passwords are long and avoid characters that need quoting in INI or URLs. */
export const PASSWORD_LENGTH = 40;
const SAFE_SPECIALS = "-_.~";

export interface StackSecretsArgs {
    /** Namespace the Secrets live in. */
    namespace: pulumi.Input<string>;
    /** Grafana admin login name. */
    grafanaAdminUser: string;
    /** Bumping this number generates a new admin password (a `keepers` entry). */
    grafanaAdminPasswordVersion: number;
    /** SMTP login name. */
    smtpUser: string;
    /** SMTP password from config; a password is generated when it is absent. */
    smtpPassword?: pulumi.Output<string>;
    /** The shared Slack incoming-webhook URL, for Slack receivers without one of their own. */
    slackWebhookUrl?: pulumi.Output<string>;
    /** Slack incoming-webhook URLs of their own, by receiver (alerting.receivers key such as onCall). */
    slackWebhookUrls: Record<string, pulumi.Output<string>>;
    /** Webhook URLs by webhook name. */
    webhookUrls: Record<string, pulumi.Output<string>>;
}

export class StackSecrets extends pulumi.ComponentResource {
    /** Name of the Secret with the Grafana admin user and password. */
    public readonly grafanaAdminSecretName: pulumi.Output<string>;
    /** Name of the Secret with the SMTP user and password. */
    public readonly smtpSecretName: pulumi.Output<string>;
    /** Name of the Secret with Slack and webhook URLs (always created, possibly empty). */
    public readonly receiversSecretName: pulumi.Output<string>;
    /** The Grafana admin password, as a Pulumi secret. */
    public readonly grafanaAdminPassword: pulumi.Output<string>;

    constructor(name: string, args: StackSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:StackSecrets", name, {}, opts);
        const labels = standardLabels("credentials", name, "secrets");

        const adminPassword = new random.RandomPassword(`${name}-grafana-admin-password`, {
            length: PASSWORD_LENGTH,
            overrideSpecial: SAFE_SPECIALS,
            keepers: { version: String(args.grafanaAdminPasswordVersion) },
        }, { parent: this });
        this.grafanaAdminPassword = pulumi.secret(adminPassword.result);
        const admin = this.secret(`${name}-grafana-admin`, SECRETS.grafanaAdmin.name, args.namespace, labels, {
            [SECRETS.grafanaAdmin.userKey]: pulumi.output(args.grafanaAdminUser),
            [SECRETS.grafanaAdmin.passwordKey]: this.grafanaAdminPassword,
        });

        const smtpPassword = args.smtpPassword ?? new random.RandomPassword(`${name}-smtp-password`, {
            length: PASSWORD_LENGTH,
            overrideSpecial: SAFE_SPECIALS,
        }, { parent: this }).result;
        const smtp = this.secret(`${name}-smtp`, SECRETS.smtp.name, args.namespace, labels, {
            [SECRETS.smtp.userKey]: pulumi.output(args.smtpUser),
            [SECRETS.smtp.passwordKey]: pulumi.secret(smtpPassword),
        });

        const receiverData: Record<string, pulumi.Output<string>> = {};
        if (args.slackWebhookUrl !== undefined) {
            receiverData[SECRETS.receivers.slackUrlKey] = pulumi.secret(args.slackWebhookUrl);
        }
        for (const [receiver, url] of Object.entries(args.slackWebhookUrls)) {
            receiverData[slackUrlKey(receiverNameOf(receiver))] = pulumi.secret(url);
        }
        for (const [webhook, url] of Object.entries(args.webhookUrls)) {
            receiverData[webhookUrlKey(webhook)] = pulumi.secret(url);
        }
        // Created even when empty: Alertmanager mounts it unconditionally, so adding Slack later
        // is a Secret update, not a StatefulSet change.
        const receivers = this.secret(`${name}-receivers`, SECRETS.receivers.name, args.namespace, labels, receiverData);

        this.grafanaAdminSecretName = admin.metadata.name;
        this.smtpSecretName = smtp.metadata.name;
        this.receiversSecretName = receivers.metadata.name;
        this.registerOutputs({
            grafanaAdminSecretName: this.grafanaAdminSecretName,
            smtpSecretName: this.smtpSecretName,
            receiversSecretName: this.receiversSecretName,
            grafanaAdminPassword: this.grafanaAdminPassword,
        });
    }

    private secret(
        resourceName: string,
        secretName: string,
        namespace: pulumi.Input<string>,
        labels: Record<string, string>,
        data: Record<string, pulumi.Output<string>>,
    ): k8s.core.v1.Secret {
        return new k8s.core.v1.Secret(resourceName, {
            metadata: { name: secretName, namespace, labels },
            type: "Opaque",
            // An empty map is stored as no field at all, so sending one diffs on every preview.
            ...(Object.keys(data).length > 0 ? { stringData: data } : {}),
        }, { parent: this, additionalSecretOutputs: ["data", "stringData"] });
    }
}
