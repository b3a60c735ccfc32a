/**
 * Checks of the Slack incoming-webhook URLs: the shared secret `slackWebhookUrl` and the
 * per-receiver secret map `slackWebhookUrls.<receiver>`. A Slack app's incoming webhook posts to
 * the one channel picked when it was created (https://api.slack.com/messaging/webhooks), so a
 * team with a channel of its own needs a URL of its own. Values are never echoed.
 */
import { CONFIG_NAMESPACE, isTree } from "./config-issues";
import type { ConfigTree } from "./presets";

const K = (key: string) => `${CONFIG_NAMESPACE}:${key}`;

/** http(s), as for webhookUrls: the e2e tier's Slack stand-in listens on plain http. */
const URL_FORM = /^https?:\/\/\S+$/;

const SHARED_HOWTO = "pulumi config set --secret slackWebhookUrl https://hooks.slack.com/...";
const OWN_HOWTO = "pulumi config set --secret --path slackWebhookUrls.<receiver> https://hooks.slack.com/...";

/** The form of `slackWebhookUrl` and of each `slackWebhookUrls` entry. */
export function slackUrlFormProblems(raw: Record<string, string>, parse: (text: string) => unknown): string[] {
    const problems: string[] = [];
    if (raw.slackWebhookUrl !== undefined && !URL_FORM.test(raw.slackWebhookUrl)) {
        problems.push(`${K("slackWebhookUrl")}: expected an https:// Slack incoming-webhook URL (value not shown: it is a secret)`);
    }
    if (raw.slackWebhookUrls === undefined) {
        return problems;
    }
    const urls = parse(raw.slackWebhookUrls);
    if (!isTree(urls)) {
        return [...problems, `${K("slackWebhookUrls")}: expected a secret map of receiver name to Slack incoming-webhook URL (${OWN_HOWTO})`];
    }
    for (const [name, value] of Object.entries(urls)) {
        if (typeof value !== "string" || !URL_FORM.test(value)) {
            problems.push(`${K(`slackWebhookUrls.${name}`)}: expected an https:// Slack incoming-webhook URL (value not shown: it is a secret)`);
        }
    }
    return problems;
}

/** Keys of the receivers (alerting.receivers) that set slackChannel, in config order. */
function slackReceivers(merged: ConfigTree): string[] {
    const alerting = isTree(merged.alerting) ? merged.alerting : {};
    const receivers = isTree(alerting.receivers) ? alerting.receivers : {};
    return Object.entries(receivers).filter(([, r]) => isTree(r) && r.slackChannel !== undefined).map(([key]) => key);
}

/**
 * Every receiver with slackChannel has a URL (its own, else the shared one), and every own URL
 * belongs to such a receiver: a misspelt name would otherwise leave the URL unused and the
 * receiver on the shared channel without a word.
 */
export function slackUrlReferenceProblems(merged: ConfigTree, shared: boolean, own: string[]): string[] {
    const receivers = slackReceivers(merged);
    const without = receivers.filter((r) => !own.includes(r));
    const problems: string[] = [];
    if (!shared && without.length > 0) {
        problems.push(
            `${K("slackWebhookUrl")}: required for the receiver${without.length === 1 ? "" : "s"} ${without.join(", ")}, which set${without.length === 1 ? "s" : ""} slackChannel without a slackWebhookUrls entry of ${without.length === 1 ? "its" : "their"} own; ` +
                `expected a secret Slack incoming-webhook URL (${SHARED_HOWTO}), or one per receiver (${OWN_HOWTO})`,
        );
    }
    const valid = receivers.length === 0 ? "no receiver sets slackChannel" : `expected one of ${receivers.join(", ")}`;
    for (const name of own.filter((n) => !receivers.includes(n))) {
        problems.push(`${K(`slackWebhookUrls.${name}`)}: names no receiver in alerting.receivers that sets slackChannel; ${valid} (pulumi config rm --path slackWebhookUrls.${name} to drop it)`);
    }
    return problems;
}
