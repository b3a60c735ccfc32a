import * as assert from "assert";
import { alertmanagerConfig, RECEIVER_NAMES } from "../../../components/builders/alertmanager-config";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

const TEAM_RECEIVERS = {
    payments: { email: ["payments@example.com"] },
    "threat-intel": { email: ["threat-intel@example.com"] },
};
const ROUTES = [
    { receiver: "threat-intel", matchers: ['service="threat-detection"', 'severity=~"warning|critical"'], continue: true, groupBy: ["alertname"], groupWait: "10s", repeatInterval: "1h" },
];
const withRouting = (extra: ConfigTree = {}): ConfigTree => ({ alerting: { receivers: TEAM_RECEIVERS, routes: ROUTES, ...extra } });

describe("named receivers and routes", () => {
    const am = alertmanagerConfig(stackConfig("dev", withRouting()));

    it("adds every named receiver after the built-in ones, under its key", () => {
        assert.deepStrictEqual(am.receivers.map((r) => r.name), ["null", "default", "on-call", "security", "payments", "threat-intel"]);
        assert.deepStrictEqual(am.receivers.find((r) => r.name === "payments")?.email_configs, [{ to: "payments@example.com", send_resolved: true }]);
    });

    it("places configured routes, then team routes, after the silent alerts and before security and on-call", () => {
        assert.deepStrictEqual(am.route.routes?.map((r) => r.receiver), [RECEIVER_NAMES.null, "threat-intel", "payments", RECEIVER_NAMES.security, RECEIVER_NAMES.onCall]);
    });

    it("writes a route's matchers, continue, grouping and timings in Alertmanager's names", () => {
        assert.deepStrictEqual(am.route.routes?.[1], {
            receiver: "threat-intel",
            matchers: ['service="threat-detection"', 'severity=~"warning|critical"'],
            continue: true,
            group_by: ["alertname"],
            group_wait: "10s",
            repeat_interval: "1h",
        });
    });

    it("routes an app's team to the receiver of that name, and continues so critical alerts still page on-call", () => {
        // dev's checkout app has team payments.
        assert.deepStrictEqual(am.route.routes?.[2], { receiver: "payments", matchers: ['team="payments"'], continue: true });
    });

    it("adds no team route where the config routes the team itself", () => {
        const own = alertmanagerConfig(stackConfig("dev", withRouting({ routes: [{ receiver: "payments", matchers: ['team="payments"'] }] })));
        assert.deepStrictEqual(own.route.routes?.map((r) => r.receiver), [RECEIVER_NAMES.null, "payments", RECEIVER_NAMES.security, RECEIVER_NAMES.onCall]);
    });

    it("adds no team route for a team without a receiver", () => {
        const none = alertmanagerConfig(stackConfig("dev"));
        assert.ok(!none.route.routes?.some((r) => r.matchers?.some((m) => m.startsWith("team="))));
    });

    it("takes onCall as the key of the on-call receiver in a route", () => {
        const c = alertmanagerConfig(stackConfig("dev", withRouting({ routes: [{ receiver: "onCall", matchers: ['namespace="shop"'] }] })));
        assert.strictEqual(c.route.routes?.[1].receiver, "on-call");
    });

    const cases: [string, ConfigTree, string, RegExp][] = [
        ["an unknown receiver in a route", withRouting({ routes: [{ receiver: "paymnts", matchers: ['team="payments"'] }] }), "alerting.routes.0.receiver", /receiver in alerting.receivers: default, onCall, security, payments, threat-intel/],
        ["a route without matchers", withRouting({ routes: [{ receiver: "payments", matchers: [] }] }), "alerting.routes.0.matchers", /at least one matcher/],
        ["a matcher without quotes or operator", withRouting({ routes: [{ receiver: "payments", matchers: ["team: payments"] }] }), "alerting.routes.0.matchers.0", /matcher such as team="payments"/],
        ["a matcher with a broken regex", withRouting({ routes: [{ receiver: "payments", matchers: ['severity=~"(critical"'] }] }), "alerting.routes.0.matchers.0", /valid regex/],
        ["a receiver named like a built-in one", { alerting: { receivers: { "on-call": { email: ["x@example.com"] } } } }, "alerting.receivers.on-call", /other than null, dead-mans-switch, default, on-call, security/],
        ["a receiver name with capitals", { alerting: { receivers: { Payments: { email: ["x@example.com"] } } } }, "alerting.receivers.Payments", /receiver name that is a DNS label/],
        ["a webhook URL written into a named receiver", { alerting: { receivers: { payments: { email: ["x@example.com"], webhookUrl: "https://hooks.example.com/t?token=abc" } } } }, "alerting.receivers.payments.webhookUrl", /looks like a credential, and a webhook's URL is the secret key webhookUrls.<name>/],
        ["a Slack URL written into a named receiver", { alerting: { receivers: { payments: { slackChannel: "#pay", slackUrl: "https://hooks.slack.com/services/T/B/x" } } } }, "alerting.receivers.payments.slackUrl", /looks like a credential, and the Slack incoming-webhook URL is the secret key slackWebhookUrl/],
        ["a misspelt key of a named receiver", { alerting: { receivers: { payments: { emial: ["x@example.com"] } } } }, "alerting.receivers.payments.emial", /did you mean email\?\); valid keys of alerting.receivers.payments: email, slackChannel, webhooks/],
        ["a named receiver with no target", { alerting: { receivers: { payments: { email: [] } } } }, "alerting.receivers.payments", /at least one e-mail address/],
        ["a zero route repeat interval", withRouting({ routes: [{ receiver: "payments", matchers: ['team="payments"'], repeatInterval: "0s" }] }), "alerting.routes.0.repeatInterval", /above zero/],
        ["a route group_by label with a dash", withRouting({ routes: [{ receiver: "payments", matchers: ['team="payments"'], groupBy: ["alert-name"] }] }), "alerting.routes.0.groupBy.0", /Prometheus label name/],
    ];
    for (const [why, overrides, key, expects] of cases) {
        it(`refuses ${why}, naming ${key}`, () => {
            assert.match(configProblem(overrides, key), expects);
        });
    }
});
