/**
 * The whole alert path on 127.0.0.1: Prometheus scrapes stand-ins for Loki and the event
 * exporter and evaluates generated rules, the generated Alertmanager config routes the alerts,
 * and mail reaches an SMTP sink that demands AUTH with the password Alertmanager reads from
 * the mounted-Secret layout. Then the relay goes away for ten seconds while a target goes
 * down, and the mail must still arrive once the relay is back.
 * Delivery times are printed (for the README), never asserted.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as path from "path";
import type { AlertRule, RuleGroup } from "../../components/builders/rules/types";
import { alertRulesOf, ruleFile } from "../../components/builders/rules/stack";
import { STACK_JOBS } from "../../components/builders/rules/targets";
import type { StackConfig } from "../../components/schema";
import { localDeliveryConfig, writeAlertmanagerConfig, writeSmtpPassword, writeYaml } from "./helpers/fixtures";
import { authReply } from "./helpers/smtp-probe";
import { SmtpSink, type ReceivedMail } from "./helpers/smtp-sink";
import { Daemon } from "./helpers/daemon";
import { FakeTarget } from "./helpers/fake-target";
import {
    alertmanagerCounter,
    alertmanagerKnown,
    prometheusAlerts,
    prometheusConfig,
    reloadPrometheus,
    startAlertmanager,
    startPrometheus,
    targetUp,
} from "./helpers/stack-processes";
import { finishDir, freePort, missingTools, sleep, tempDir, waitFor } from "./helpers/tools";

/** Bound on waiting for one mail; delivery normally takes a few seconds. */
const MAIL_TIMEOUT_MS = 45_000;
/** How long the SMTP relay stays down in the outage test. */
const OUTAGE_MS = 10_000;
/** Fire at start-up: nothing is scraped for these jobs, so their `absent(...)` branch holds. */
const AT_START = ["LogAgentDown", "AuditLogShippingStopped"];
/** Fire when the test stops the stand-in target. */
const ON_TARGET_DOWN = ["LokiDown", "EventExporterDown"];
/** Generated rules with `for` cut to 0s, so the test takes seconds, not minutes. */
function fastRules(config: StackConfig, alerts: string[]): { groups: RuleGroup[] } {
    const rules = ruleFile(config).groups.flatMap(alertRulesOf).filter((r) => alerts.includes(r.alert));
    assert.deepStrictEqual(rules.map((r) => r.alert).sort(), [...alerts].sort(), "every chosen alert exists in the generated rules");
    return { groups: [{ name: "e2e", rules: rules.map((r: AlertRule) => ({ ...r, for: "0s" })) }] };
}

describe("alert delivery from Prometheus through Alertmanager to an SMTP relay", function () {
    this.timeout(150_000);
    const figures: string[] = [];
    const password = randomBytes(24).toString("base64url");
    let dir: string | undefined;
    let sink: SmtpSink | undefined;
    let daemons: Daemon[] = [];
    let targets: Record<"loki" | "eventExporter", FakeTarget> | undefined;
    let config: StackConfig;
    let ports: { smtp: number; alertmanager: number; prometheus: number };

    before(async function () {
        const missing = missingTools("prometheus", "alertmanager");
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("delivery");
        ports = { smtp: await freePort(), alertmanager: await freePort(), prometheus: await freePort() };
        config = localDeliveryConfig(ports.smtp);
        const secretsDir = path.join(dir, "secrets");
        writeSmtpPassword(secretsDir, password);
        const amConfig = writeAlertmanagerConfig(path.join(dir, "alertmanager.yml"), config, secretsDir);
        sink = new SmtpSink(ports.smtp, config.alerting.smtp.username, password);
        await sink.start();
        targets = { loki: new FakeTarget(await freePort()), eventExporter: new FakeTarget(await freePort()) };
        await targets.loki.start();
        await targets.eventExporter.start();
        daemons.push(await startAlertmanager(dir, amConfig, ports.alertmanager));
        const rules = writeYaml(path.join(dir, "rules.yml"), fastRules(config, AT_START));
        const jobs = [
            { job: STACK_JOBS.loki, port: targets.loki.port, namespace: config.namespace },
            { job: STACK_JOBS.eventExporter, port: targets.eventExporter.port, namespace: config.namespace },
        ];
        const promConfig = writeYaml(path.join(dir, "prometheus.yml"), prometheusConfig([rules], ports.alertmanager, jobs));
        daemons.push(await startPrometheus(dir, promConfig, ports.prometheus));
        // The target-down rules come in once both targets have been scraped: before the first
        // scrape their absent(up{...}) branch holds, which a real `for` of minutes hides and a
        // test `for` of 0s would not.
        for (const job of jobs) {
            await waitFor(`a first scrape of ${job.job}`, async () => ((await targetUp(ports.prometheus, job.job)) ? true : undefined), MAIL_TIMEOUT_MS);
        }
        writeYaml(rules, fastRules(config, [...AT_START, ...ON_TARGET_DOWN]));
        await reloadPrometheus(ports.prometheus);
        await waitFor("Prometheus to know Alertmanager again", async () => ((await alertmanagerKnown(ports.prometheus)) ? true : undefined), MAIL_TIMEOUT_MS);
    });

    after(async () => {
        for (const d of daemons.reverse()) {
            await d.stop();
        }
        daemons = [];
        await targets?.loki.stop();
        await targets?.eventExporter.stop();
        await sink?.stop();
        finishDir(dir);
        if (figures.length > 0) {
            console.log(`    delivery times (alert firing in Prometheus -> mail received):\n${figures.map((f) => `      ${f}`).join("\n")}`);
        }
    });

    /** Waits for the mail of `alert`, records the delay since the alert started firing. */
    async function mailFor(alert: string, label: string): Promise<ReceivedMail> {
        const mail = await waitFor(`a mail about ${alert}`, () => sink!.find(`[FIRING:1] ${alert} `), MAIL_TIMEOUT_MS);
        const active = (await prometheusAlerts(ports.prometheus)).find((a) => a.labels.alertname === alert && a.state === "firing");
        if (active !== undefined) {
            figures.push(`${label}: ${alert} ${mail.receivedAt - Date.parse(active.activeAt)} ms`);
        }
        return mail;
    }

    const emailFailures = () => alertmanagerCounter(ports.alertmanager, "alertmanager_notification_requests_failed_total", /integration="email"/);

    it("mails a warning to the default receiver, grouped by alert name, namespace and service", async () => {
        const mail = await mailFor("LogAgentDown", "start-up");
        assert.deepStrictEqual(mail.to, config.alerting.receivers.default.email);
        assert.match(mail.subject, /^\[FIRING:1\] LogAgentDown monitoring log-agent /);
    });

    it("mails a service=security alert to the security receiver", async () => {
        const mail = await mailFor("AuditLogShippingStopped", "start-up");
        assert.deepStrictEqual(mail.to, config.alerting.receivers.security.email);
        assert.match(mail.subject, /^\[FIRING:1\] AuditLogShippingStopped monitoring security /);
    });

    it("keeps quiet about targets that are up", () => {
        assert.strictEqual(sink!.mails.filter((m) => /LokiDown|EventExporterDown/.test(m.subject)).length, 0);
    });

    it("mails a critical alert to on-call when a scraped target goes down", async () => {
        await targets!.loki.stop();
        const mail = await mailFor("LokiDown", "steady state");
        assert.deepStrictEqual(mail.to, config.alerting.receivers.onCall.email);
        assert.match(mail.subject, /^\[FIRING:1\] LokiDown monitoring loki /);
    });

    it("logs in with the password from the Secret file, and the relay refuses any other", async () => {
        assert.deepStrictEqual(sink!.refusedLogins, []);
        assert.strictEqual(await authReply(ports.smtp, config.alerting.smtp.username, `${password}x`), 535);
        assert.strictEqual(await authReply(ports.smtp, config.alerting.smtp.username, password), 235);
        sink!.refusedLogins.length = 0;
    });

    it("delivers an alert that fired while the relay was down for 10 s, once it is back", async () => {
        const failuresBefore = await emailFailures();
        await sink!.stop();
        const downAt = Date.now();
        await targets!.eventExporter.stop();
        // Proof that the outage was hit: Alertmanager tried the relay and failed (counted per
        // attempt; alertmanager_notifications_failed_total only counts once retries give up).
        await waitFor("a failed e-mail attempt", async () => ((await emailFailures()) > failuresBefore ? true : undefined), MAIL_TIMEOUT_MS);
        assert.strictEqual(sink!.find("[FIRING:1] EventExporterDown "), undefined);
        await sleep(Math.max(0, downAt + OUTAGE_MS - Date.now()));
        await sink!.start();
        figures.push(`outage: relay down for ${Date.now() - downAt} ms`);
        const mail = await mailFor("EventExporterDown", "after outage");
        assert.deepStrictEqual(mail.to, config.alerting.receivers.default.email);
        assert.deepStrictEqual(sink!.refusedLogins, []);
    });

    it("sent each alert exactly once", () => {
        const subjects = sink!.mails.map((m) => m.subject.split(" ").slice(0, 2).join(" ")).sort();
        assert.deepStrictEqual(subjects, [
            "[FIRING:1] AuditLogShippingStopped",
            "[FIRING:1] EventExporterDown",
            "[FIRING:1] LogAgentDown",
            "[FIRING:1] LokiDown",
        ]);
    });
});
