import * as assert from "assert";
import { PASSWORD_LENGTH, SECRETS } from "../../components/secrets";
import type { RegisteredResource } from "../mocks";
import { runProgram } from "../helpers/program";
import { isSecret, valueOf } from "../helpers/outputs";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const SECRET = "kubernetes:core/v1:Secret";
const PASSWORD = "random:index/randomPassword:RandomPassword";

for (const stack of ["dev", "prod"]) {
    describe(`the ${stack} stack under mocks`, () => {
        let run: Awaited<ReturnType<typeof runProgram>>;
        before(async () => {
            run = await runProgram(stack);
        });

        it("creates the monitoring namespace with the standard labels", () => {
            const [ns] = run.mocks.ofType(NAMESPACE);
            assert.strictEqual(ns.inputs.metadata.name, "monitoring");
            assert.strictEqual(ns.inputs.metadata.labels["app.kubernetes.io/part-of"], "observability-stack");
            assert.strictEqual(ns.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
        });

        it("enforces the privileged pod-security level that node-exporter and the log agent need", () => {
            const [ns] = run.mocks.ofType(NAMESPACE);
            assert.strictEqual(ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "privileged");
            assert.strictEqual(ns.inputs.metadata.labels["pod-security.kubernetes.io/warn"], "baseline");
        });

        it("parents every resource under the ObservabilityStack component", () => {
            const top = run.mocks.resources.filter((r) => r.parent === "");
            assert.deepStrictEqual(top.map((r) => r.type).sort(), ["observability:k8s:ObservabilityStack", "pulumi:providers:kubernetes"]);
            for (const r of run.mocks.resources.filter((x) => x.parent !== "")) {
                assert.strictEqual(rootOf(run, r).type, "observability:k8s:ObservabilityStack", `${r.type} ${r.name}`);
            }
        });

        it(`${stack === "prod" ? "protects" : "does not protect"} the namespace, whose deletion would take every volume`, () => {
            const [ns] = run.mocks.ofType(NAMESPACE);
            assert.strictEqual(ns.protect, stack === "prod");
            assert.strictEqual(ns.retainOnDelete, stack === "prod");
        });

        it("goes through one explicit Kubernetes provider", () => {
            const providers = run.mocks.ofType("pulumi:providers:kubernetes");
            assert.strictEqual(providers.length, 1);
            const k8sObjects = run.mocks.resources.filter((r) => r.type.startsWith("kubernetes:"));
            assert.ok(k8sObjects.length > 0);
            for (const r of k8sObjects) {
                assert.match(r.provider ?? "", /pulumi:providers:kubernetes::kubernetes::/, `${r.type} ${r.name}`);
            }
        });

        it("stores the Grafana admin credentials under stable keys", () => {
            const secret = run.mocks.ofType(SECRET).find((s) => s.inputs.metadata.name === SECRETS.grafanaAdmin.name);
            assert.ok(secret);
            assert.deepStrictEqual(Object.keys(secret.inputs.stringData).sort(), [SECRETS.grafanaAdmin.passwordKey, SECRETS.grafanaAdmin.userKey].sort());
            assert.strictEqual(secret.inputs.stringData[SECRETS.grafanaAdmin.userKey], "admin");
            assert.strictEqual(secret.inputs.metadata.namespace, "monitoring");
            assert.deepStrictEqual(secret.secretInputs, ["stringData"]);
        });

        it("generates passwords of at least 32 characters with a rotation keeper", () => {
            const admin = run.mocks.ofType(PASSWORD).find((p) => p.name.endsWith("grafana-admin-password"));
            assert.ok(admin);
            assert.ok(admin.inputs.length >= 32);
            assert.ok(PASSWORD_LENGTH >= 32);
            assert.deepStrictEqual(admin.inputs.keepers, { version: "1" });
        });

        it("generates the SMTP password when the stack gives none", () => {
            assert.ok(run.mocks.ofType(PASSWORD).some((p) => p.name.endsWith("smtp-password")));
            const smtp = run.mocks.ofType(SECRET).find((s) => s.inputs.metadata.name === SECRETS.smtp.name);
            assert.ok(smtp);
            assert.deepStrictEqual(Object.keys(smtp.inputs.stringData).sort(), ["password", "user"]);
            assert.strictEqual(smtp.inputs.stringData.password.length, PASSWORD_LENGTH);
        });

        it("exports the admin password only as a Pulumi secret", async () => {
            assert.strictEqual(await isSecret(run.outputs.grafanaAdminPassword), true);
            assert.strictEqual(((await valueOf(run.outputs.grafanaAdminPassword)) as string).length, PASSWORD_LENGTH);
        });

        it("exports nothing else that is secret in plaintext", async () => {
            const passwords = await generatedPasswords(run);
            for (const [name, output] of Object.entries(run.outputs)) {
                if (await isSecret(output)) {
                    continue;
                }
                const text = JSON.stringify(await valueOf(output));
                for (const p of passwords) {
                    assert.ok(!text.includes(p), `output ${name} carries a password`);
                }
            }
        });

        it("writes no password into any resource input other than a Secret", async () => {
            const passwords = await generatedPasswords(run);
            for (const r of run.mocks.resources.filter((x) => x.type !== SECRET && x.type !== PASSWORD)) {
                const text = JSON.stringify(r.inputs);
                for (const p of passwords) {
                    assert.ok(!text.includes(p), `${r.type} ${r.name} carries a password`);
                }
            }
        });
    });
}

/** The top-level ancestor of a resource, found by walking parent URNs (`...::<a>$<b>::<name>`). */
function rootOf(run: Awaited<ReturnType<typeof runProgram>>, resource: RegisteredResource): RegisteredResource {
    let current = resource;
    for (let depth = 0; current.parent !== "" && depth < 20; depth++) {
        const [, qualifiedType, name] = /::([^:]+(?::[^:]+)*)::([^:]+)$/.exec(current.parent) ?? [];
        const type = qualifiedType.split("$").pop()!;
        current = run.mocks.get(type, name);
    }
    return current;
}

/** Every password value the mocks produced, read back from the Secrets. */
async function generatedPasswords(run: Awaited<ReturnType<typeof runProgram>>): Promise<string[]> {
    return run.mocks.ofType(SECRET)
        .flatMap((s) => Object.entries(s.inputs.stringData ?? {}))
        .filter(([key]) => /password|url/.test(key))
        .map(([, value]) => value as string);
}

describe("configured secrets", () => {
    it("uses the SMTP password from config instead of generating one", async () => {
        const run = await runProgram("dev", {}, { smtpPassword: "from-config-0123456789" });
        assert.ok(!run.mocks.ofType(PASSWORD).some((p) => p.name.endsWith("smtp-password")));
        const smtp = run.mocks.ofType(SECRET).find((s) => s.inputs.metadata.name === SECRETS.smtp.name);
        assert.strictEqual(smtp?.inputs.stringData.password, "from-config-0123456789");
    });

    it("puts the Slack URLs, shared and per receiver, and the webhook URLs into the receivers Secret under stable keys", async () => {
        const run = await runProgram("dev", {
            alerting: {
                receivers: { onCall: { email: [], slackChannel: "#oncall", webhooks: ["pager"] }, payments: { email: [], slackChannel: "#payments" } },
                webhooks: [{ name: "pager", sendResolved: true }],
            },
        }, {
            slackWebhookUrl: "https://hooks.slack.com/services/T0/B0/abc",
            slackWebhookUrls: { payments: "https://hooks.slack.com/services/T0/B1/pay" },
            webhookUrls: { pager: "https://pager.example.com/hook?token=t0k" },
        });
        const receivers = run.mocks.ofType(SECRET).find((s) => s.inputs.metadata.name === SECRETS.receivers.name);
        assert.deepStrictEqual(receivers?.inputs.stringData, {
            "slack-webhook-url": "https://hooks.slack.com/services/T0/B0/abc",
            "slack-webhook-url-payments": "https://hooks.slack.com/services/T0/B1/pay",
            "webhook-pager-url": "https://pager.example.com/hook?token=t0k",
        });
        for (const r of run.mocks.resources.filter((x) => x.type !== SECRET)) {
            assert.ok(!JSON.stringify(r.inputs).includes("t0k"), `${r.type} ${r.name} carries the webhook token`);
        }
    });

    it("rotates the admin password when adminPasswordVersion changes", async () => {
        const run = await runProgram("dev", { grafana: { adminPasswordVersion: 2 } });
        const admin = run.mocks.ofType(PASSWORD).find((p) => p.name.endsWith("grafana-admin-password"));
        assert.deepStrictEqual(admin?.inputs.keepers, { version: "2" });
    });
});
