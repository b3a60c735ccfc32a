import * as assert from "assert";
import { alertmanagerSecretsByReference } from "../../policies/alertmanager-secrets-by-reference";
import { alertmanagerConfig, alertmanagerSecret, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

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
});
