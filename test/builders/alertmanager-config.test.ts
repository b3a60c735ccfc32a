import * as assert from "assert";
import {
    ALERTMANAGER_SECRETS_DIR,
    alertmanagerConfig,
    GROUP_BY,
    RECEIVER_NAMES,
    type Receiver,
    type Route,
} from "../../components/builders/alertmanager-config";
import { CHART_VOLUME_ALERT, STACK_VOLUME_ALERT } from "../../components/builders/rules/volumes";
import { SECRETS, webhookUrlKey } from "../../components/secrets";
import { stackConfig } from "../helpers/config";

const WITH_SLACK_AND_WEBHOOK = {
    alerting: {
        webhooks: [{ name: "pager", sendResolved: false }],
        receivers: { onCall: { email: ["oncall@example.com"], slackChannel: "#oncall", webhooks: ["pager"] } },
    },
};
const SECRETS_PRESENT = { smtpPassword: true, slackWebhookUrl: true, webhookUrls: ["pager"] };

function receiverOf(routes: Route[], matcher: string): string | undefined {
    return routes.find((r) => r.matchers?.includes(matcher))?.receiver;
}

function named(receivers: Receiver[], name: string): Receiver {
    const r = receivers.find((x) => x.name === name);
    assert.ok(r, `receiver ${name}`);
    return r;
}

describe("alertmanagerConfig", () => {
    const prod = alertmanagerConfig(stackConfig("prod"));

    it("sends mail through the configured relay and reads the SMTP password from the mounted Secret", () => {
        assert.deepStrictEqual(prod.global, {
            smtp_smarthost: "smtp.example.com:587",
            smtp_from: "alertmanager@example.com",
            smtp_auth_username: "alertmanager",
            smtp_auth_password_file: `${ALERTMANAGER_SECRETS_DIR}/${SECRETS.smtp.name}/${SECRETS.smtp.passwordKey}`,
            smtp_require_tls: true,
        });
    });

    it("never writes a password or URL inline", () => {
        const text = JSON.stringify(alertmanagerConfig(stackConfig("prod", WITH_SLACK_AND_WEBHOOK, SECRETS_PRESENT)));
        assert.doesNotMatch(text, /"(smtp_auth_password|api_url|url|slack_api_url)":/);
    });

    it("groups by alert name, service and namespace with the configured timings", () => {
        const dev = alertmanagerConfig(stackConfig("dev", { alerting: { groupWait: "10s", groupInterval: "2m", repeatInterval: "12h" } }));
        assert.deepStrictEqual(dev.route.group_by, ["alertname", "service", "namespace"]);
        assert.deepStrictEqual([dev.route.group_wait, dev.route.group_interval, dev.route.repeat_interval], ["10s", "2m", "12h"]);
    });

    it("sends whatever no route claims to the default receiver", () => {
        assert.strictEqual(prod.route.receiver, RECEIVER_NAMES.default);
    });

    it("routes Watchdog and InfoInhibitor to the null receiver first, so they never notify", () => {
        const first = prod.route.routes?.[0];
        assert.deepStrictEqual(first, { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] });
        assert.deepStrictEqual(named(prod.receivers, "null"), { name: "null" });
    });

    it("sends Watchdog as a heartbeat to the dead-man's switch webhook when one is configured", () => {
        const c = alertmanagerConfig(stackConfig("prod", {
            alerting: { webhooks: [{ name: "heartbeat", sendResolved: true }], deadMansSwitch: { webhook: "heartbeat", interval: "2m" } },
        }, { ...SECRETS_PRESENT, webhookUrls: ["heartbeat"] }));
        const [first] = c.route.routes!;
        assert.deepStrictEqual(first, {
            receiver: RECEIVER_NAMES.deadMansSwitch,
            matchers: ['alertname="Watchdog"'],
            group_wait: "0s",
            group_interval: "2m",
            repeat_interval: "2m",
        });
        assert.deepStrictEqual(named(c.receivers, RECEIVER_NAMES.deadMansSwitch).webhook_configs, [{
            url_file: `${ALERTMANAGER_SECRETS_DIR}/${SECRETS.receivers.name}/${webhookUrlKey("heartbeat")}`,
            send_resolved: false,
        }]);
    });

    it("has no dead-man's switch receiver unless one is configured", () => {
        assert.ok(!prod.receivers.some((r) => r.name === RECEIVER_NAMES.deadMansSwitch));
        assert.ok(!prod.route.routes!.some((r) => r.receiver === RECEIVER_NAMES.deadMansSwitch));
    });

    it("routes service=security to security and lets critical ones page on-call too", () => {
        const routes = prod.route.routes ?? [];
        // The built-in one: prod's own routes send team="security" there too.
        const security = routes.findIndex((r) => r.receiver === RECEIVER_NAMES.security && r.matchers?.includes('service="security"') === true);
        const critical = routes.findIndex((r) => r.receiver === RECEIVER_NAMES.onCall);
        assert.ok(security >= 0 && critical > security, "the security route comes before the critical one");
        assert.strictEqual(routes[security].continue, true);
        assert.strictEqual(receiverOf(routes, 'service="security"'), "security");
        assert.strictEqual(receiverOf(routes, 'severity="critical"'), "on-call");
    });

    it("mails each receiver's addresses, resolved notices included", () => {
        assert.deepStrictEqual(named(prod.receivers, "on-call").email_configs, [{ to: "oncall@example.com", send_resolved: true }]);
        assert.deepStrictEqual(named(prod.receivers, "security").email_configs, [{ to: "security@example.com", send_resolved: true }]);
        const two = alertmanagerConfig(stackConfig("prod", { alerting: { receivers: { default: { email: ["a@example.com", "b@example.com"] } } } }));
        assert.strictEqual(named(two.receivers, "default").email_configs?.[0].to, "a@example.com, b@example.com");
    });

    it("reads the Slack URL and webhook URLs from the receivers Secret", () => {
        const c = alertmanagerConfig(stackConfig("prod", WITH_SLACK_AND_WEBHOOK, SECRETS_PRESENT), "/s");
        const onCall = named(c.receivers, "on-call");
        assert.deepStrictEqual(onCall.slack_configs, [
            { api_url_file: `/s/${SECRETS.receivers.name}/${SECRETS.receivers.slackUrlKey}`, channel: "#oncall", send_resolved: true },
        ]);
        assert.deepStrictEqual(onCall.webhook_configs, [{ url_file: `/s/${SECRETS.receivers.name}/${webhookUrlKey("pager")}`, send_resolved: false }]);
        assert.strictEqual(named(c.receivers, "default").slack_configs, undefined);
    });

    it("lets a critical alert mute the warning of the same alert, service and namespace", () => {
        const rule = prod.inhibit_rules.find((r) => r.source_matchers.includes('severity="critical"'));
        assert.ok(rule);
        assert.deepStrictEqual(rule.target_matchers, ['severity=~"warning|info"']);
        assert.deepStrictEqual(rule.equal, [...GROUP_BY]);
    });

    it("mutes info alerts in a namespace while InfoInhibitor fires there, as kube-prometheus intends", () => {
        assert.ok(prod.inhibit_rules.some((r) =>
            r.source_matchers.includes('alertname="InfoInhibitor"') && r.target_matchers.includes('severity="info"') && r.equal.join() === "namespace"));
    });

    it("mutes the chart's KubePersistentVolumeFillingUp where StackVolumeFillingUp fires for the same claim and severity", () => {
        const rule = prod.inhibit_rules.find((r) => r.target_matchers.includes(`alertname="${CHART_VOLUME_ALERT}"`));
        assert.ok(rule);
        assert.deepStrictEqual(rule.source_matchers, [`alertname="${STACK_VOLUME_ALERT}"`]);
        assert.deepStrictEqual(rule.equal, ["namespace", "persistentvolumeclaim", "severity"]);
    });

    it("puts password files under the directory it is given", () => {
        assert.strictEqual(alertmanagerConfig(stackConfig("dev"), "/tmp/x").global.smtp_auth_password_file, "/tmp/x/smtp-credentials/password");
    });
});
