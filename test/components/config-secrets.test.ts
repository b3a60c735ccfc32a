import * as assert from "assert";
import { looksLikeCredential, quoteValue } from "../../components/config-secrets";
import { runProgram } from "../helpers/program";

const PROVIDER = "pulumi:providers:kubernetes";
const CHART = "kubernetes:helm.sh/v4:Chart";
const SECRET = "kubernetes:core/v1:Secret";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu\n";

describe("secrets stay Pulumi secrets into resource inputs", () => {
    it("passes a kubeconfig, path or contents, to the provider as a secret", async () => {
        for (const kubeconfig of ["/etc/kube/prod.yaml", KUBECONFIG]) {
            const [provider] = (await runProgram("prod", { kubernetes: { kubeconfig } })).mocks.ofType(PROVIDER);
            assert.strictEqual(provider.inputs.kubeconfig, kubeconfig);
            assert.ok(provider.secretInputs.includes("kubeconfig"), provider.secretInputs.join());
        }
    });

    it("keeps every value of kubernetes secret when the stack stored it with --secret", async () => {
        const run = await runProgram("prod", {}, { kubernetes: JSON.stringify({ context: "prod-admin", kubeconfig: KUBECONFIG }) });
        const [provider] = run.mocks.ofType(PROVIDER);
        assert.deepStrictEqual([provider.inputs.context, provider.inputs.kubeconfig], ["prod-admin", KUBECONFIG]);
        assert.deepStrictEqual(provider.secretInputs.filter((k) => k === "context" || k === "kubeconfig").sort(), ["context", "kubeconfig"]);
    });

    it("leaves the context plain when kubernetes is plain config", async () => {
        const [provider] = (await runProgram("prod", { kubernetes: { context: "prod-admin" } })).mocks.ofType(PROVIDER);
        assert.ok(!provider.secretInputs.includes("context"));
    });

    it("gives every chart the repository user and secret password of an http mirror", async () => {
        const run = await runProgram("prod", { mirrors: { charts: { kind: "http", url: "https://charts.example.com/stable", username: "ci-robot" } } }, { chartRepositoryPassword: "s3cr3t-Pa55word" });
        const charts = run.mocks.ofType(CHART);
        assert.ok(charts.length >= 3, `${charts.length} charts`);
        for (const chart of charts) {
            assert.deepStrictEqual(chart.inputs.repositoryOpts, { repo: "https://charts.example.com/stable", username: "ci-robot", password: "s3cr3t-Pa55word" }, chart.name);
            assert.ok(chart.secretInputs.includes("repositoryOpts"), `${chart.name}: ${chart.secretInputs.join()}`);
        }
    });

    it("logs in to an OCI mirror with the same user and secret password", async () => {
        const run = await runProgram("dev", { mirrors: { charts: { kind: "oci", url: "oci://registry.example.com/charts", username: "ci-robot" } } }, { chartRepositoryPassword: "s3cr3t-Pa55word" });
        for (const chart of run.mocks.ofType(CHART)) {
            assert.match(chart.inputs.chart, /^oci:\/\/registry\.example\.com\/charts\//);
            assert.deepStrictEqual(chart.inputs.repositoryOpts, { username: "ci-robot", password: "s3cr3t-Pa55word" });
            assert.ok(chart.secretInputs.includes("repositoryOpts"), chart.name);
        }
    });

    it("keeps the SMTP password, Slack URLs and webhook URLs secret in the Secrets that hold them", async () => {
        const run = await runProgram("dev", {
            alerting: {
                receivers: { onCall: { email: [], slackChannel: "#oncall", webhooks: ["pager"] }, payments: { email: [], slackChannel: "#payments" } },
                webhooks: [{ name: "pager", sendResolved: true }],
            },
        }, {
            smtpPassword: "from-config-0123456789",
            slackWebhookUrl: "https://hooks.slack.com/services/T0/B0/abc",
            slackWebhookUrls: { payments: "https://hooks.slack.com/services/T0/B1/pay" },
            webhookUrls: { pager: "https://pager.example.com/hook?token=t0k" },
        });
        const values = ["from-config-0123456789", "hooks.slack.com/services/T0/B0/abc", "hooks.slack.com/services/T0/B1/pay", "t0k"];
        for (const r of run.mocks.resources) {
            const text = JSON.stringify(r.inputs);
            for (const v of values.filter((x) => text.includes(x))) {
                assert.strictEqual(r.type, SECRET, `${r.type} ${r.name} carries ${v}`);
                assert.ok(r.secretInputs.includes("stringData"), `${r.name} holds ${v} in plain inputs`);
            }
        }
    });
});

describe("credential-looking values", () => {
    const credentials = [
        "https://user:pass@charts.example.com",
        "https://hooks.slack.com/services/T0/B0/abc",
        "https://pager.example.com/hook?token=t0k",
        "xoxb-1234-abcd",
        "aB3dE5gH7jK9mN1pQ3sT5v",
        "3f786850e387550fdab836ed7e6dc881de23001b",
    ];
    const plain = ["prod-eu-1", "grafana.example.com", "http_server_requests_seconds", "https://charts.example.com/stable", "#ops-alerts", "30d", 42];
    for (const value of credentials) {
        it(`are never quoted: ${value.slice(0, 12)}...`, () => {
            assert.ok(looksLikeCredential(value));
            assert.ok(!quoteValue(value).includes(value));
        });
    }
    for (const value of plain) {
        it(`leaves ${JSON.stringify(value)} quoted`, () => {
            assert.strictEqual(quoteValue(value), JSON.stringify(value));
        });
    }
});
