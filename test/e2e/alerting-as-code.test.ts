/**
 * Alerting as code against a real Alertmanager (the toolchain's, the version the chart runs):
 * the generated config with named receivers, routes, a team route and a mute interval, and the
 * notification templates (builders/notifications/templates.ts) loaded from their file. Alerts
 * are posted to its API as Prometheus or Loki's ruler would post them; mail goes to the SMTP
 * sink, Slack messages to a local HTTP sink.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { alertmanagerConfig } from "../../components/builders/alertmanager-config";
import { NOTIFICATION_TEMPLATE_FILE, notificationTemplates } from "../../components/builders/notifications/templates";
import { SECRETS, slackUrlKey } from "../../components/secrets";
import type { StackConfig } from "../../components/schema";
import { localDeliveryConfig, writeSmtpPassword, writeYaml } from "./helpers/fixtures";
import { SmtpSink, type ReceivedMail } from "./helpers/smtp-sink";
import { startAlertmanager } from "./helpers/stack-processes";
import type { Daemon } from "./helpers/daemon";
import { WebhookSink } from "./helpers/webhook-sink";
import { freePort, httpText, missingTools, removeDir, sleep, tempDir, waitFor } from "./helpers/tools";

const MAIL_TIMEOUT_MS = 30_000;
/** The receiver with a Slack URL of its own; the others share slackWebhookUrl. */
const OWN_SLACK_RECEIVER = "fraud";

/** The routing of the README's worked example, with local SMTP and one-second timings. */
function exampleConfig(smtpPort: number): StackConfig {
    return localDeliveryConfig(smtpPort, {
        receivers: {
            payments: { email: ["payments@example.com"] },
            "threat-intel": { slackChannel: "#threats" },
            // Its own incoming webhook (slackWebhookUrls.fraud), a second Slack stand-in.
            fraud: { slackChannel: "#fraud" },
        },
        // Always inside the window: the muted route must hold everything back.
        timeIntervals: [{ name: "maintenance", timeZone: "Europe/Berlin", periods: [{ times: [{ start: "00:00", end: "24:00" }] }] }],
        routes: [
            { receiver: "threat-intel", matchers: ['service="threat-detection"'] },
            { receiver: "fraud", matchers: ['service="fraud-detection"'] },
            { receiver: "payments", matchers: ['service="batch"'], muteTimeIntervals: ["maintenance"] },
        ],
    }, { smtpPassword: false, slackWebhookUrl: true, slackWebhookUrls: [OWN_SLACK_RECEIVER], webhookUrls: [] });
}

/** Quoted-printable bodies (Alertmanager's HTML mail) as text. */
function decodeQuotedPrintable(raw: string): string {
    return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface PostedAlert {
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    endsAt?: string;
}

describe("alerting as code on a real Alertmanager", function () {
    this.timeout(120_000);
    const password = randomBytes(24).toString("base64url");
    let dir: string | undefined;
    let sink: SmtpSink | undefined;
    let slack: WebhookSink | undefined;
    let ownSlack: WebhookSink | undefined;
    let am: Daemon | undefined;
    let port: number;
    const startsAt = new Date().toISOString();

    const post = (alerts: PostedAlert[]) => httpText(`http://127.0.0.1:${port}/api/v2/alerts`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(alerts.map((a) => ({ startsAt, generatorURL: "http://prometheus.example.com/graph?g0.expr=up", ...a }))),
    });
    const mailTo = (to: string, subject: RegExp) => waitFor(`a mail to ${to} with subject ${subject}`, () => sink!.mails.find((m: ReceivedMail) => m.to.includes(to) && subject.test(m.subject)), MAIL_TIMEOUT_MS);

    const SEALING: PostedAlert = {
        labels: { alertname: "SealingJobsFailing", severity: "critical", service: "checkout", team: "payments", namespace: "shop", cluster: "prod" },
        annotations: {
            summary: "Sealing jobs fail",
            description: "7 sealing jobs failed in shop over 10 minutes.",
            runbook_url: "https://runbooks.example.com/sealing",
            dashboard: "https://grafana.prod.example.com/d/obs-app-shop-checkout",
        },
    };

    before(async function () {
        const missing = missingTools("alertmanager");
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("alerting-as-code");
        const smtpPort = await freePort();
        port = await freePort();
        slack = new WebhookSink(await freePort());
        await slack.start();
        ownSlack = new WebhookSink(await freePort());
        await ownSlack.start();
        const config = exampleConfig(smtpPort);
        const secretsDir = path.join(dir, "secrets");
        writeSmtpPassword(secretsDir, password);
        fs.mkdirSync(path.join(secretsDir, SECRETS.receivers.name), { recursive: true });
        fs.writeFileSync(path.join(secretsDir, SECRETS.receivers.name, SECRETS.receivers.slackUrlKey), `http://127.0.0.1:${slack.port}/slack`);
        fs.writeFileSync(path.join(secretsDir, SECRETS.receivers.name, slackUrlKey(OWN_SLACK_RECEIVER)), `http://127.0.0.1:${ownSlack.port}/slack`);
        const templates = path.join(dir, NOTIFICATION_TEMPLATE_FILE);
        fs.writeFileSync(templates, notificationTemplates());
        const file = writeYaml(path.join(dir, "alertmanager.yml"), { ...alertmanagerConfig(config, secretsDir, { slackUrlReceivers: [OWN_SLACK_RECEIVER] }), templates: [templates] });
        sink = new SmtpSink(smtpPort, config.alerting.smtp.username, password);
        await sink.start();
        am = await startAlertmanager(dir, file, port);
        await post([SEALING]);
    });

    after(async () => {
        await am?.stop();
        await sink?.stop();
        await slack?.stop();
        await ownSlack?.stop();
        removeDir(dir);
    });

    it("mails a team's alert to the team's receiver, with a subject that says what fired and where", async () => {
        const mail = await mailTo("payments@example.com", /SealingJobsFailing/);
        assert.strictEqual(mail.subject, "[FIRING:1] SealingJobsFailing (critical) checkout in shop: Sealing jobs fail");
    });

    it("still pages on-call for the team's critical alert (the team route continues)", async () => {
        await mailTo("oncall@example.com", /^\[FIRING:1\] SealingJobsFailing/);
    });

    it("writes the summary, description, place, start and the runbook, dashboard and silence links into the mail", async () => {
        const body = decodeQuotedPrintable((await mailTo("payments@example.com", /SealingJobsFailing/)).raw);
        assert.match(body, /<h3>Sealing jobs fail<\/h3>/);
        assert.match(body, /7 sealing jobs failed in shop over 10 minutes\./);
        assert.match(body, /cluster prod, namespace shop, service checkout/);
        assert.match(body, /<td>Since<\/td><td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/td>/);
        assert.match(body, /<a href="https:\/\/runbooks\.example\.com\/sealing">Runbook<\/a>/);
        assert.match(body, /<a href="https:\/\/grafana\.prod\.example\.com\/d\/obs-app-shop-checkout">Dashboard<\/a>/);
        assert.match(body, /<a href="[^"]*\/#\/silences\/new\?filter=%7B[^"]*alertname%3D%22SealingJobsFailing%22[^"]*%7D">Silence<\/a>/);
    });

    it("posts a routed alert to Slack with the same title and a text with its links", async () => {
        await post([{ labels: { alertname: "ThreatDetectionRateHigh", severity: "warning", service: "threat-detection", namespace: "edge" }, annotations: { summary: "Threat detection rate above 100/s", runbook_url: "https://runbooks.example.com/threats" } }]);
        const message = await waitFor("a Slack message", () => slack!.bodies.find((b) => JSON.stringify(b).includes("ThreatDetectionRateHigh")) as { channel: string; attachments: { title: string; text: string }[] } | undefined, MAIL_TIMEOUT_MS);
        assert.strictEqual(message.channel, "#threats");
        assert.strictEqual(message.attachments[0].title, "[FIRING:1] ThreatDetectionRateHigh (warning) threat-detection in edge: Threat detection rate above 100/s");
        assert.match(message.attachments[0].text, /^\*Threat detection rate above 100\/s\*\nWhere: namespace edge, service threat-detection\nSince: .+\n<https:\/\/runbooks\.example\.com\/threats\|Runbook> <http:\/\/prometheus\.example\.com\/graph\?g0\.expr=up\|Source>\n<[^|]*\/#\/silences\/new\?filter=%7B[^|]*\|Silence>$/);
    });

    it("posts a receiver's alert through its own Slack URL, and the others' through the shared one", async () => {
        await post([{ labels: { alertname: "CardFraudSpike", severity: "warning", service: "fraud-detection", namespace: "edge" }, annotations: { summary: "Card fraud above baseline" } }]);
        const message = await waitFor("a Slack message on the fraud webhook", () => ownSlack!.bodies.find((b) => JSON.stringify(b).includes("CardFraudSpike")) as { channel: string } | undefined, MAIL_TIMEOUT_MS);
        assert.strictEqual(message.channel, "#fraud");
        await waitFor("the threat alert on the shared webhook", () => slack!.bodies.find((b) => JSON.stringify(b).includes("ThreatDetectionRateHigh")), MAIL_TIMEOUT_MS);
        assert.ok(!slack!.bodies.some((b) => JSON.stringify(b).includes("CardFraudSpike")), "the fraud alert went to the shared webhook");
        assert.ok(!ownSlack!.bodies.some((b) => JSON.stringify(b).includes("ThreatDetectionRateHigh")), "the threat alert went to the fraud webhook");
    });

    it("holds back an alert inside its route's mute window, while an unmuted one to the same receiver goes out", async () => {
        await post([
            { labels: { alertname: "NightlyBatchLate", severity: "warning", service: "batch", namespace: "jobs" }, annotations: { summary: "Nightly batch is late" } },
            { labels: { alertname: "BatchControl", severity: "warning", service: "ledger", team: "payments", namespace: "jobs" }, annotations: { summary: "Control alert" } },
        ]);
        await mailTo("payments@example.com", /BatchControl/);
        // Several group intervals (1s) after the control mail: a muted route would have sent by now.
        await sleep(4_000);
        assert.deepStrictEqual(sink!.mails.filter((m) => /NightlyBatchLate/.test(m.subject)).map((m) => m.subject), []);
    });

    it("sends a resolved notice that says so", async () => {
        await post([{ ...SEALING, endsAt: new Date().toISOString() }]);
        const mail = await mailTo("payments@example.com", /^\[RESOLVED\] SealingJobsFailing/);
        assert.strictEqual(mail.subject, "[RESOLVED] SealingJobsFailing (critical) checkout in shop: Sealing jobs fail");
        assert.match(decodeQuotedPrintable(mail.raw), /<h2>Resolved: SealingJobsFailing<\/h2>\s*<p>This problem is resolved; nothing needs doing\.<\/p>/);
        assert.match(decodeQuotedPrintable(mail.raw), /<td>Resolved at<\/td>/);
    });
});
