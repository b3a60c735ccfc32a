/**
 * Names and keys of the Secrets the program creates (components/secrets.ts). Charts and configs
 * refer to them by these names; changing one is a breaking change for running stacks. Kept
 * apart from the component so builders can use them without importing Pulumi.
 */
export const SECRETS = {
    grafanaAdmin: { name: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password" },
    // `user` and `password` are the keys Grafana's smtp.existingSecret reads by default.
    smtp: { name: "smtp-credentials", userKey: "user", passwordKey: "password" },
    receivers: { name: "alertmanager-receivers", slackUrlKey: "slack-webhook-url" },
} as const;

/** Key of a webhook's URL in the receivers Secret. */
export function webhookUrlKey(webhook: string): string {
    return `webhook-${webhook}-url`;
}

/**
 * Key of a receiver's own Slack incoming-webhook URL in the receivers Secret; `receiver` is its
 * Alertmanager name (on-call for onCall), a DNS label, so the key is a valid Secret data key
 * ([-._a-zA-Z0-9]+). Slack apps' incoming webhooks post to the one channel chosen when the
 * webhook was created (https://api.slack.com/messaging/webhooks), hence one URL per channel.
 */
export function slackUrlKey(receiver: string): string {
    return `${SECRETS.receivers.slackUrlKey}-${receiver}`;
}
