/**
 * A Slack incoming-webhook URL per receiver: the secret map slackWebhookUrls.<receiver> beside
 * the shared slackWebhookUrl, through the program as `pulumi up` runs it.
 */
import * as assert from "assert";
import { ConfigError } from "../../components/config";
import { SECRETS, slackUrlKey } from "../../components/secrets";
import type { ConfigTree } from "../../components/presets";
import { stackConfig } from "../helpers/config";
import { valueOf } from "../helpers/outputs";
import { evaluateProgram, rejectedProblem, runProgram, SecretConfig } from "../helpers/program";

const CHART = "kubernetes:helm.sh/v4:Chart";
const SECRET = "kubernetes:core/v1:Secret";
const SHARED = "https://hooks.slack.com/services/T0/B0/sharedT0ken";
const PAYMENTS = "https://hooks.slack.com/services/T0/B1/paymentsT0ken";
const ON_CALL = "https://hooks.slack.com/services/T0/B2/oncallT0ken";

const receiver = (extra: ConfigTree) => ({ email: [], webhooks: [], ...extra });
/** onCall and the team receiver payments post to Slack; security by e-mail only. */
const SLACK_RECEIVERS: ConfigTree = {
    alerting: {
        receivers: {
            onCall: receiver({ slackChannel: "#oncall" }),
            payments: receiver({ slackChannel: "#payments-alerts" }),
        },
    },
};

function secretValues(secrets: SecretConfig): string[] {
    return Object.values(secrets).flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)));
}

describe("stack config: a Slack URL per receiver", () => {
    it("accepts a receiver's own URL without the shared one when every Slack receiver has its own", () => {
        const config = stackConfig("dev", SLACK_RECEIVERS, { smtpPassword: false, slackWebhookUrl: false, slackWebhookUrls: ["onCall", "payments"], webhookUrls: [] });
        assert.strictEqual(config.alerting.receivers.payments.slackChannel, "#payments-alerts");
    });

    it("accepts own URLs for some receivers beside the shared one for the rest", () => {
        const config = stackConfig("dev", SLACK_RECEIVERS, { smtpPassword: false, slackWebhookUrl: true, slackWebhookUrls: ["payments"], webhookUrls: [] });
        assert.strictEqual(config.alerting.receivers.onCall.slackChannel, "#oncall");
    });

    const BAD: { why: string; overrides?: ConfigTree; secrets: SecretConfig; key: string; expects: RegExp }[] = [
        { why: "an own URL that is not a URL", secrets: { slackWebhookUrl: SHARED, slackWebhookUrls: { payments: "hooks.slack.com/services/T0/B1/paymentsT0ken" } }, key: "observability:slackWebhookUrls.payments", expects: /expected an https:\/\/ Slack incoming-webhook URL \(value not shown: it is a secret\)/ },
        { why: "own URLs given as a plain string", secrets: { slackWebhookUrl: SHARED, slackWebhookUrls: PAYMENTS }, key: "observability:slackWebhookUrls", expects: /secret map of receiver name to Slack incoming-webhook URL \(pulumi config set --secret --path slackWebhookUrls.<receiver>/ },
        { why: "a Slack receiver with neither its own URL nor the shared one", secrets: { slackWebhookUrls: { payments: PAYMENTS } }, key: "observability:slackWebhookUrl", expects: /required for the receiver onCall, which sets slackChannel without a slackWebhookUrls entry of its own; expected a secret Slack incoming-webhook URL .*slackWebhookUrls.<receiver>/ },
        { why: "an own URL for a receiver that does not exist", secrets: { slackWebhookUrl: SHARED, slackWebhookUrls: { payment: PAYMENTS } }, key: "observability:slackWebhookUrls.payment", expects: /names no receiver in alerting.receivers that sets slackChannel; expected one of onCall, payments/ },
        { why: "an own URL for a receiver without slackChannel", secrets: { slackWebhookUrl: SHARED, slackWebhookUrls: { security: PAYMENTS } }, key: "observability:slackWebhookUrls.security", expects: /expected one of onCall, payments/ },
        { why: "an own URL where no receiver sets slackChannel", overrides: {}, secrets: { slackWebhookUrls: { payments: PAYMENTS } }, key: "observability:slackWebhookUrls.payments", expects: /no receiver sets slackChannel/ },
    ];
    for (const c of BAD) {
        it(`rejects ${c.why}, naming ${c.key}, without echoing a URL`, async () => {
            const { problem, message } = await rejectedProblem("dev", c.overrides ?? SLACK_RECEIVERS, c.key, c.secrets);
            assert.match(problem, c.expects);
            for (const url of secretValues(c.secrets)) {
                assert.ok(!message.includes(url), "the message echoes a secret value");
                assert.ok(!message.includes(url.replace(/^https:\/\//, "")), "the message echoes a secret value");
            }
        });
    }

    it("refuses own URLs stored in the clear in the stack file, saying how to set one as a secret", async () => {
        const { problem, message } = await rejectedProblem("dev", { ...SLACK_RECEIVERS, slackWebhookUrls: { payments: PAYMENTS } }, "observability:slackWebhookUrls", { slackWebhookUrl: SHARED });
        assert.match(problem, /stored in the clear in the stack file; set it again with pulumi config set --secret --path slackWebhookUrls.<receiver>/);
        assert.ok(!message.includes("paymentsT0ken"));
    });

    it("reports a malformed URL, a receiver without any URL and a stray entry in one run", async () => {
        const run = await evaluateProgram("dev", SLACK_RECEIVERS, { slackWebhookUrls: { onCall: "not a url", paymnets: PAYMENTS } });
        assert.ok(run.error instanceof ConfigError, String(run.error));
        const keys = run.error.problems.map((p) => p.slice(0, p.indexOf(": ")));
        for (const key of ["observability:slackWebhookUrls.onCall", "observability:slackWebhookUrl", "observability:slackWebhookUrls.paymnets"]) {
            assert.ok(keys.includes(key), `no problem names ${key}:\n${run.error.message}`);
        }
        assert.match(run.error.message, /required for the receiver payments,/);
        assert.ok(!run.error.message.includes("not a url") && !run.error.message.includes("paymentsT0ken"));
    });
});

describe("the program with a Slack URL per receiver", () => {
    const secrets = { smtpPassword: "from-config-0123456789", slackWebhookUrl: SHARED, slackWebhookUrls: { payments: PAYMENTS, onCall: ON_CALL } };
    const overrides: ConfigTree = {
        alerting: { receivers: { ...(SLACK_RECEIVERS.alerting as ConfigTree).receivers as ConfigTree, security: receiver({ slackChannel: "#security" }) } },
    };

    it("puts each receiver's own URL into the receivers Secret under slack-webhook-url-<receiver>, as a secret", async () => {
        const run = await runProgram("dev", overrides, secrets);
        const receivers = run.mocks.ofType(SECRET).find((s) => s.inputs.metadata.name === SECRETS.receivers.name);
        assert.deepStrictEqual(receivers?.inputs.stringData, {
            [SECRETS.receivers.slackUrlKey]: SHARED,
            [slackUrlKey("on-call")]: ON_CALL,
            [slackUrlKey("payments")]: PAYMENTS,
        });
        assert.ok(receivers?.secretInputs.includes("stringData"), "the URLs are plain inputs");
    });

    it("points each Slack receiver at its own key, and the rest at the shared one", async () => {
        const run = await runProgram("dev", overrides, secrets);
        const receivers: { name: string; slack_configs?: { api_url_file: string; channel: string }[] }[] = run.mocks.get(CHART, "metrics-chart").inputs.values.alertmanager.config.receivers;
        const file = (name: string) => receivers.find((r) => r.name === name)?.slack_configs?.[0].api_url_file;
        const dir = `/etc/alertmanager/secrets/${SECRETS.receivers.name}`;
        assert.strictEqual(file("on-call"), `${dir}/slack-webhook-url-on-call`);
        assert.strictEqual(file("payments"), `${dir}/slack-webhook-url-payments`);
        assert.strictEqual(file("security"), `${dir}/slack-webhook-url`);
    });

    it("lets no URL reach any resource but the receivers Secret, nor an output", async () => {
        const run = await runProgram("dev", overrides, secrets);
        for (const r of run.mocks.resources) {
            const text = JSON.stringify(r.inputs);
            for (const token of ["sharedT0ken", "paymentsT0ken", "oncallT0ken"].filter((t) => text.includes(t))) {
                assert.strictEqual(r.type, SECRET, `${r.type} ${r.name} carries ${token}`);
                assert.strictEqual(r.inputs.metadata.name, SECRETS.receivers.name, `${r.name} carries ${token}`);
            }
        }
        for (const [name, output] of Object.entries(run.outputs)) {
            const text = JSON.stringify(await valueOf(output));
            assert.ok(!/T0ken/.test(text ?? ""), `output ${name} carries a Slack URL`);
        }
    });
});
