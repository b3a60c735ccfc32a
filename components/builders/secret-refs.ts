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
