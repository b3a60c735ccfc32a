import * as assert from "assert";
import { ConfigError } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { evaluateProgram, rejectedProblem } from "../helpers/program";

const receiver = (extra: ConfigTree) => ({ email: [], webhooks: [], ...extra });

/** Values that look like credentials, which no message may quote, whatever key they sit under. */
const CREDENTIALS = [
    "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "https://robot:s3cr3t-Pa55@charts.example.com/stable",
    "xoxb-123456789012-abcdefABCDEF",
    "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRg",
];

describe("stack config: no message echoes a credential", () => {
    const pasted: [string, ConfigTree][] = [
        ["a Slack webhook URL pasted as a channel", { alerting: { receivers: { onCall: receiver({ slackChannel: CREDENTIALS[0] }) } } }],
        ["a mirror URL with credentials", { mirrors: { charts: { kind: "http", url: CREDENTIALS[1] } } }],
        ["a Slack token as the SMTP user's address", { alerting: { smtp: { from: CREDENTIALS[2] } } }],
        ["a random key as a cluster name", { cluster: { name: CREDENTIALS[3] } }],
        ["a webhook URL as an unknown top-level key's value", { slackUrl: CREDENTIALS[0] }],
    ];
    for (const [why, overrides] of pasted) {
        it(`never echoes ${why}`, async () => {
            const run = await evaluateProgram("dev", overrides);
            assert.ok(run.error instanceof ConfigError, String(run.error));
            for (const credential of CREDENTIALS) {
                assert.ok(!run.error.message.includes(credential) && !run.error.message.includes("s3cr3t"), run.error.message);
            }
        });
    }

    it("quotes no value of a kubeconfig, nor of a key stored as a secret", async () => {
        const kubeconfig = "apiVersion: v1\nusers: [{user: {token: abc}}]";
        const run = await evaluateProgram("dev", {}, { kubernetes: JSON.stringify({ kubeconfig, context: "ctx-4711", renderYamlTo: "out" }) });
        assert.ok(run.error instanceof ConfigError);
        assert.ok(!run.error.message.includes("token: abc") && !run.error.message.includes("ctx-4711"), run.error.message);
        const plain = await rejectedProblem("dev", { kubernetes: { kubeconfig, renderYamlTo: "out" } }, "observability:kubernetes.kubeconfig");
        assert.match(plain.problem, /got a value not shown: it is a secret/);
    });

    it("says where a credential-looking value was left out", async () => {
        const { problem } = await rejectedProblem("dev", { alerting: { receivers: { onCall: receiver({ slackChannel: CREDENTIALS[0] }) } } }, "observability:alerting.receivers.onCall.slackChannel");
        assert.match(problem, /Slack channel such as #ops-alerts \(got a value not shown: it looks like a credential\)$/);
    });
});
