/**
 * Receivers in Alertmanager's form: e-mail, Slack and webhooks, every credential a `*_file`
 * path into the mounted receivers Secret (builders/secret-refs.ts), never a value.
 */
import type { ReceiverConfig, StackConfig } from "../../schema";
import { receiverNameOf } from "../../schema/routes";
import type { EmailConfig, Receiver, SlackConfig, WebhookConfig } from "../alertmanager-types";
import { SECRETS, slackUrlKey, webhookUrlKey } from "../secret-refs";

/** Path of a key of a mounted Secret. */
export function secretFile(secretsDir: string, secret: string, key: string): string {
    return `${secretsDir}/${secret}/${key}`;
}

/** Where a receiver's credentials are mounted, given its Alertmanager name. */
export interface ReceiverFiles {
    slackUrlFile(receiver: string): string;
    webhook(name: string): WebhookConfig;
}

/** `slackUrlReceivers`: alerting.receivers keys with a Slack URL of their own (slackWebhookUrls). */
export function receiverFiles(config: StackConfig, secretsDir: string, slackUrlReceivers: string[] = []): ReceiverFiles {
    const own = new Set(slackUrlReceivers.map(receiverNameOf));
    return {
        // A receiver without a URL of its own keeps the shared key, so the config of a stack
        // that sets only slackWebhookUrl stays as it was.
        slackUrlFile: (receiver) => secretFile(secretsDir, SECRETS.receivers.name, own.has(receiver) ? slackUrlKey(receiver) : SECRETS.receivers.slackUrlKey),
        webhook: (name) => webhookConfig(name, config, secretsDir),
    };
}

/** One receiver: an e-mail config for its addresses, Slack when a channel is set, its webhooks. */
export function receiver(name: string, r: ReceiverConfig, files: ReceiverFiles): Receiver {
    const out: Receiver = { name };
    if (r.email.length > 0) {
        out.email_configs = [emailConfig(r.email)];
    }
    if (r.slackChannel !== undefined) {
        out.slack_configs = [slackConfig(r.slackChannel, files.slackUrlFile(name))];
    }
    if (r.webhooks.length > 0) {
        out.webhook_configs = r.webhooks.map(files.webhook);
    }
    return out;
}

function emailConfig(to: string[]): EmailConfig {
    // One message to every address (Alertmanager parses `to` as an address list), and a
    // "resolved" mail, so nobody keeps chasing a problem that went away.
    return { to: to.join(", "), send_resolved: true };
}

function slackConfig(channel: string, urlFile: string): SlackConfig {
    // api_url_file: Alertmanager >= 0.22 (prometheus/alertmanager#2534).
    return {
        api_url_file: urlFile,
        channel,
        send_resolved: true,
    };
}

function webhookConfig(name: string, config: StackConfig, secretsDir: string): WebhookConfig {
    const hook = config.alerting.webhooks.find((w) => w.name === name);
    // The schema guarantees every receiver webhook names an alerting.webhooks entry.
    if (hook === undefined) {
        throw new Error(`webhook "${name}" is not defined in observability:alerting.webhooks`);
    }
    // url_file: Alertmanager >= 0.26 (prometheus/alertmanager#3223); the chart runs 0.34, and
    // the e2e tier checks it with amtool of that version.
    return { url_file: secretFile(secretsDir, SECRETS.receivers.name, webhookUrlKey(name)), send_resolved: hook.sendResolved };
}
