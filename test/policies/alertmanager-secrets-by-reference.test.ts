import * as assert from "assert";
import { alertmanagerSecretsByReference } from "../../policies/alertmanager-secrets-by-reference";
import { alertmanager, alertmanagerConfig, alertmanagerSecret, withField } from "../fixtures/policies/objects";
import { checkResource, PolicyObject } from "./harness";

/** An AlertmanagerConfig CR (monitoring.coreos.com/v1alpha1) whose credentials are Secret key selectors. */
function alertmanagerConfigCr(): PolicyObject {
    return {
        type: "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
        name: "team-a-alerts",
        props: {
            apiVersion: "monitoring.coreos.com/v1alpha1",
            kind: "AlertmanagerConfig",
            metadata: { name: "team-a", namespace: "team-a" },
            spec: {
                route: { receiver: "slack" },
                receivers: [
                    { name: "slack", slackConfigs: [{ channel: "#team-a", apiURL: { name: "team-a-slack", key: "url" } }] },
                    { name: "hook", webhookConfigs: [{ url: "http://relay.team-a.svc:8080/alerts" }, { urlSecret: { name: "team-a-hook", key: "url" } }] },
                    { name: "mail", emailConfigs: [{ to: "a@example.com", authUsername: "am", authPassword: { name: "smtp", key: "password" } }] },
                ],
            },
        },
    };
}

function configWith(edit: (c: Record<string, any>) => void): Record<string, any> {
    const c = alertmanagerConfig();
    edit(c);
    return c;
}

describe("policy alertmanager-secrets-by-reference", () => {
    it("passes a config that reads the SMTP password, Slack URL and webhook token from files", async () => {
        assert.deepStrictEqual(await checkResource(alertmanagerSecretsByReference, alertmanagerSecret()), []);
    });

    it("rejects an inline smtp_auth_password in the chart's base64 Secret", async () => {
        const secret = alertmanagerSecret(configWith((c) => {
            delete c.global.smtp_auth_password_file;
            c.global.smtp_auth_password = "hunter2";
        }));
        const [message] = await checkResource(alertmanagerSecretsByReference, secret);
        assert.match(message, /alertmanager-kps-alertmanager\/alertmanager\.yaml writes global\.smtp_auth_password inline/);
        assert.match(message, /use smtp_auth_password_file instead/);
    });

    it("rejects an inline Slack api_url", async () => {
        const secret = alertmanagerSecret(configWith((c) => {
            c.receivers[1].slack_configs[0] = { channel: "#ops", api_url: "https://hooks.slack.com/services/T000/B000/XXXXXXXX" };
        }));
        assert.match((await checkResource(alertmanagerSecretsByReference, secret))[0], /receivers\[1\]\.slack_configs\[0\]\.api_url inline.*api_url_file/);
    });

    it("rejects an inline Slack api_url or webhook token in a named (team) receiver as in the built-in ones", async () => {
        const secret = alertmanagerSecret(configWith((c) => {
            c.receivers.push(
                { name: "payments", slack_configs: [{ channel: "#payments", api_url: "https://hooks.slack.com/services/T000/B000/XXXXXXXX" }] },
                { name: "threat-intel", webhook_configs: [{ url: "https://events.example.com/hook?token=abc123" }] },
            );
        }));
        const messages = await checkResource(alertmanagerSecretsByReference, secret);
        const n = alertmanagerConfig().receivers.length;
        assert.strictEqual(messages.length, 2, messages.join("\n"));
        assert.match(messages[0], new RegExp(`receivers\\[${n}\\]\\.slack_configs\\[0\\]\\.api_url inline`));
        assert.match(messages[1], new RegExp(`receivers\\[${n + 1}\\]\\.webhook_configs\\[0\\]\\.url inline`));
    });

    it("rejects a webhook URL that carries a token, but not a plain in-cluster URL", async () => {
        const secret = alertmanagerSecret(configWith((c) => {
            c.receivers[2].webhook_configs[1] = { url: "https://events.example.com/hook?token=abc123" };
        }));
        const messages = await checkResource(alertmanagerSecretsByReference, secret);
        assert.strictEqual(messages.length, 1);
        assert.match(messages[0], /receivers\[2\]\.webhook_configs\[1\]\.url inline.*url_file/);
    });

    it("reads stringData as well as base64 data", async () => {
        const inline = configWith((c) => { c.global.slack_api_url = "https://hooks.slack.com/services/T/B/C"; });
        const secret = withField(alertmanagerSecret(), "props.data", undefined);
        secret.props.stringData = { "alertmanager.yaml": JSON.stringify(inline) };
        assert.match((await checkResource(alertmanagerSecretsByReference, secret))[0], /global\.slack_api_url inline/);
    });

    it("passes an AlertmanagerConfig CR whose credentials are Secret key selectors", async () => {
        assert.deepStrictEqual(await checkResource(alertmanagerSecretsByReference, alertmanagerConfigCr()), []);
    });

    it("rejects an AlertmanagerConfig with a literal Slack apiURL", async () => {
        const cr = withField(alertmanagerConfigCr(), "props.spec.receivers.0.slackConfigs.0.apiURL", "https://hooks.slack.com/services/T000/B000/XXXXXXXX");
        const [message] = await checkResource(alertmanagerSecretsByReference, cr);
        assert.match(message, /AlertmanagerConfig team-a spec\.receivers\[0\]\.slackConfigs\[0\]\.apiURL is a literal credential/);
        assert.match(message, /Secret key selector/);
    });

    it("rejects an AlertmanagerConfig webhook url that carries a token instead of urlSecret", async () => {
        const cr = withField(alertmanagerConfigCr(), "props.spec.receivers.1.webhookConfigs.0.url", "https://events.example.com/hook?token=abc123");
        assert.match((await checkResource(alertmanagerSecretsByReference, cr))[0], /spec\.receivers\[1\]\.webhookConfigs\[0\]\.url is a literal credential.*urlSecret/);
    });

    it("reads an Alertmanager's alertmanagerConfiguration.global too", async () => {
        const am = withField(alertmanager(), "props.spec.alertmanagerConfiguration", { name: "global", global: { slackApiUrl: "https://hooks.slack.com/services/T/B/C" } });
        assert.match((await checkResource(alertmanagerSecretsByReference, am))[0], /Alertmanager kps-alertmanager spec\.alertmanagerConfiguration\.global\.slackApiUrl is a literal credential/);
        assert.deepStrictEqual(await checkResource(alertmanagerSecretsByReference, alertmanager()), []);
    });
});
