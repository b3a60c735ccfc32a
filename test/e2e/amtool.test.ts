/** amtool on the generated Alertmanager config: it loads, and the routing tree sends alerts where the README says. */
import * as assert from "assert";
import * as path from "path";
import { RECEIVER_NAMES } from "../../components/builders/alertmanager-config";
import { stackConfig } from "../helpers/config";
import { writeAlertmanagerConfig } from "./helpers/fixtures";
import { toolSuite } from "./helpers/tool-suite";
import { run, TOOLS } from "./helpers/tools";

/** Labels of a test alert and the receivers Alertmanager must pick for it, in order. */
const ROUTES: [string[], string[]][] = [
    [["alertname=LokiDown", "severity=critical", "service=loki"], [RECEIVER_NAMES.onCall]],
    [["alertname=LogAgentDown", "severity=warning", "service=log-agent"], [RECEIVER_NAMES.default]],
    [["alertname=AuditLogShippingStopped", "severity=warning", "service=security"], [RECEIVER_NAMES.security]],
    // Decision: a critical security alert reaches security and also pages on-call.
    [["alertname=Intrusion", "severity=critical", "service=security"], [RECEIVER_NAMES.security, RECEIVER_NAMES.onCall]],
    [["alertname=Watchdog", "severity=none"], [RECEIVER_NAMES.null]],
    [["alertname=InfoInhibitor", "severity=none"], [RECEIVER_NAMES.null]],
    [["alertname=SomethingElse"], [RECEIVER_NAMES.default]],
];

const SLACK = { alerting: { receivers: { security: { email: ["security@example.com"], slackChannel: "#security" } } } };
const WEBHOOK = { alerting: { webhooks: [{ name: "pager", sendResolved: true }], receivers: { onCall: { email: ["oncall@example.com"], webhooks: ["pager"] } } } };

describe("amtool on the generated Alertmanager config", function () {
    const dir = toolSuite("amtool", "amtool");

    const check = async (name: string, config: ReturnType<typeof stackConfig>) => {
        const file = writeAlertmanagerConfig(path.join(dir(), `${name}.yml`), config, "/etc/alertmanager/secrets");
        const res = await run(TOOLS.amtool, ["check-config", file]);
        assert.strictEqual(res.code, 0, `${res.stdout}${res.stderr}`);
        return file;
    };

    for (const stack of ["dev", "prod"]) {
        it(`accepts the ${stack} stack's config`, async () => {
            await check(stack, stackConfig(stack));
        });
    }

    it("accepts a Slack receiver that reads its URL from a file (api_url_file, Alertmanager >= 0.22)", async () => {
        await check("slack", stackConfig("prod", SLACK, { smtpPassword: false, slackWebhookUrl: true, webhookUrls: [] }));
    });

    it("accepts a webhook receiver that reads its URL from a file (url_file, Alertmanager >= 0.26)", async () => {
        await check("webhook", stackConfig("prod", WEBHOOK, { smtpPassword: false, slackWebhookUrl: false, webhookUrls: ["pager"] }));
    });

    describe("routing", () => {
        let file: string;
        before(async () => {
            file = await check("routes", stackConfig("prod"));
        });
        for (const [labels, receivers] of ROUTES) {
            it(`sends {${labels.join(", ")}} to ${receivers.join(" and ")}`, async () => {
                const res = await run(TOOLS.amtool, ["config", "routes", "test", `--config.file=${file}`, "--verify.receivers", receivers.join(","), ...labels]);
                assert.strictEqual(res.code, 0, `${res.stdout}${res.stderr}`);
                assert.strictEqual(res.stdout.trim(), receivers.join(","));
            });
        }

        it("fails the routing check for a wrong receiver, so the checks above can fail", async () => {
            const res = await run(TOOLS.amtool, ["config", "routes", "test", `--config.file=${file}`, "--verify.receivers", "default", "severity=critical"]);
            assert.notStrictEqual(res.code, 0);
        });
    });
});
