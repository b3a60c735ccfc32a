/**
 * Slack receivers read their incoming-webhook URL from the mounted receivers Secret: their own
 * key when slackWebhookUrls has their name, the shared key otherwise.
 */
import * as assert from "assert";
import { alertmanagerConfig, type Receiver } from "../../../components/builders/alertmanager-config";
import { kubePrometheusValues } from "../../../components/builders/kube-prometheus-values";
import { SECRETS, slackUrlKey } from "../../../components/builders/secret-refs";
import { stackConfig } from "../../helpers/config";

const SLACK = {
    alerting: {
        receivers: {
            default: { email: ["ops@example.com"], slackChannel: "#ops" },
            onCall: { email: [], slackChannel: "#oncall" },
            payments: { email: [], slackChannel: "#payments-alerts" },
        },
    },
};
const PRESENT = { smtpPassword: false, slackWebhookUrl: true, slackWebhookUrls: ["onCall", "payments"], webhookUrls: [] };
const dir = `/s/${SECRETS.receivers.name}`;

function slackFile(receivers: Receiver[], name: string): string | undefined {
    return receivers.find((r) => r.name === name)?.slack_configs?.[0].api_url_file;
}

describe("Slack receivers' URL files", () => {
    const config = stackConfig("dev", SLACK, PRESENT);

    it("reads a receiver's own URL from slack-webhook-url-<Alertmanager name>", () => {
        const am = alertmanagerConfig(config, "/s", { slackUrlReceivers: ["onCall", "payments"] });
        assert.strictEqual(slackFile(am.receivers, "on-call"), `${dir}/slack-webhook-url-on-call`);
        assert.strictEqual(slackFile(am.receivers, "payments"), `${dir}/slack-webhook-url-payments`);
    });

    it("reads the shared URL for a receiver without one of its own", () => {
        const am = alertmanagerConfig(config, "/s", { slackUrlReceivers: ["payments"] });
        assert.strictEqual(slackFile(am.receivers, "default"), `${dir}/${SECRETS.receivers.slackUrlKey}`);
        assert.strictEqual(slackFile(am.receivers, "on-call"), `${dir}/${SECRETS.receivers.slackUrlKey}`);
    });

    it("renders the config of a stack with only the shared URL as before: every receiver on the shared key", () => {
        assert.deepStrictEqual(alertmanagerConfig(config, "/s"), alertmanagerConfig(config, "/s", { slackUrlReceivers: [] }));
        const files = alertmanagerConfig(config, "/s").receivers.flatMap((r) => r.slack_configs ?? []).map((s) => s.api_url_file);
        assert.deepStrictEqual(files, Array(3).fill(`${dir}/${SECRETS.receivers.slackUrlKey}`));
    });

    it("hands the receiver names through the kube-prometheus-stack values to the Alertmanager config", () => {
        const values = kubePrometheusValues(config, { slackUrlReceivers: ["payments"] }) as { alertmanager: { config: { receivers: Receiver[] } } };
        assert.strictEqual(slackFile(values.alertmanager.config.receivers, "payments"), `/etc/alertmanager/secrets/${SECRETS.receivers.name}/slack-webhook-url-payments`);
    });
});

describe("slackUrlKey", () => {
    it("is a valid Secret data key for every receiver name the schema admits", () => {
        // Secret data keys: [-._a-zA-Z0-9]+, at most 253 characters (Kubernetes API, Secret.data).
        for (const receiver of ["on-call", "default", "security", "payments", "a", "x".repeat(63), "team-1"]) {
            assert.match(slackUrlKey(receiver), /^[-._a-zA-Z0-9]{1,253}$/);
        }
    });

    it("never collides with the shared key or a webhook's key", () => {
        assert.notStrictEqual(slackUrlKey("payments"), SECRETS.receivers.slackUrlKey);
        assert.doesNotMatch(slackUrlKey("payments"), /^webhook-/);
    });
});
