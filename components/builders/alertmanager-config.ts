/**
 * The Alertmanager configuration, built from the typed `alerting` section. Pure: no Pulumi, no
 * secrets. Every credential is a `*_file` path under the directory where the Prometheus
 * Operator mounts `alertmanagerSpec.secrets` (/etc/alertmanager/secrets/<secret>/<key>), so the
 * rendered config (a Secret the chart writes) never carries a password or a token-bearing URL.
 */
import type { StackConfig } from "../schema";
import { SECRETS } from "./secret-refs";
import type { AlertmanagerConfig, InhibitRule, Receiver, Route } from "./alertmanager-types";
import { CHART_VOLUME_ALERT, STACK_VOLUME_ALERT } from "./rules/volumes";
import { sloInhibition } from "./rules/slos";
import { configuredRoutes, namedReceiverKeys, teamRoutes, timeIntervals } from "./alerting/routes";
import { receiver, receiverFiles, secretFile, type ReceiverFiles } from "./alerting/receivers";

export { secretFile };

export type { AlertmanagerConfig, InhibitRule, Receiver, Route } from "./alertmanager-types";

/** Where the operator mounts each Secret listed in `alertmanagerSpec.secrets`. */
export const ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets";

/** Receiver names; routing and the e2e routing tests refer to them. */
export const RECEIVER_NAMES = {
    default: "default",
    onCall: "on-call",
    security: "security",
    /** Swallows the always-firing Watchdog and InfoInhibitor (kube-prometheus-stack defaultRules). */
    null: "null",
    /** Receives Watchdog when alerting.deadMansSwitch is set. */
    deadMansSwitch: "dead-mans-switch",
} as const;

/** Alerts are grouped per alert, per owning service and per namespace. */
export const GROUP_BY = ["alertname", "service", "namespace"] as const;

/**
 * Alerts that exist to be always firing or to drive inhibition, never to notify:
 * Watchdog proves the pipeline works (a dead-man's switch outside the cluster watches it) and
 * InfoInhibitor only mutes `severity=info` alerts (kube-prometheus-stack general.rules).
 */
export const SILENT_ALERTS = ["Watchdog", "InfoInhibitor"] as const;

/** Which secret keys are set, never their values: what the config's file paths depend on. */
export interface AlertmanagerSecretKeys {
    /**
     * Receivers (alerting.receivers keys such as onCall or payments) with a Slack URL of their
     * own, the secret slackWebhookUrls.<receiver>; the others use the shared slackWebhookUrl.
     * Default: none.
     */
    slackUrlReceivers?: string[];
}

/** The whole Alertmanager configuration for a stack. */
export function alertmanagerConfig(config: StackConfig, secretsDir: string = ALERTMANAGER_SECRETS_DIR, keys: AlertmanagerSecretKeys = {}): AlertmanagerConfig {
    const a = config.alerting;
    const intervals = timeIntervals(config);
    const files = receiverFiles(config, secretsDir, keys.slackUrlReceivers);
    return {
        global: {
            smtp_smarthost: a.smtp.smarthost,
            smtp_from: a.smtp.from,
            smtp_auth_username: a.smtp.username,
            // Read at send time, so rotating the Secret needs no config reload.
            smtp_auth_password_file: secretFile(secretsDir, SECRETS.smtp.name, SECRETS.smtp.passwordKey),
            smtp_require_tls: a.smtp.requireTls,
        },
        route: rootRoute(config),
        receivers: [
            { name: RECEIVER_NAMES.null },
            ...(a.deadMansSwitch === undefined ? [] : [deadMansSwitchReceiver(a.deadMansSwitch.webhook, files)]),
            receiver(RECEIVER_NAMES.default, a.receivers.default, files),
            receiver(RECEIVER_NAMES.onCall, a.receivers.onCall, files),
            receiver(RECEIVER_NAMES.security, a.receivers.security, files),
            ...namedReceiverKeys(config).map((key) => receiver(key, a.receivers[key], files)),
        ],
        inhibit_rules: [
            // A critical alert mutes the warning of the same alert for the same thing
            // (e.g. KubeVolumeFillingUp critical over warning).
            {
                source_matchers: ['severity="critical"'],
                target_matchers: ['severity=~"warning|info"'],
                equal: [...GROUP_BY],
            },
            {
                source_matchers: ['severity="warning"'],
                target_matchers: ['severity="info"'],
                equal: [...GROUP_BY],
            },
            // kube-prometheus' contract: InfoInhibitor fires while a namespace has only info
            // alerts, and mutes them there (the chart's own default config has this rule).
            {
                source_matchers: ['alertname="InfoInhibitor"'],
                target_matchers: ['severity="info"'],
                equal: ["namespace"],
            },
            volumeInhibition(),
            // Only stacks with SLOs get it, so the config of the others stays as it was.
            ...(config.apps.some((app) => app.slos.length > 0) ? [sloInhibition()] : []),
        ],
        ...(intervals === undefined ? {} : { time_intervals: intervals }),
    };
}

/**
 * One notification per full volume: a stack claim filling up fires both the stack's alert and
 * the chart's cluster-wide one (different names, so the severity rules above do not apply).
 * The stack's wins, for the same claim and severity, as it carries the `service` routing uses.
 */
export function volumeInhibition(): InhibitRule {
    return {
        source_matchers: [`alertname="${STACK_VOLUME_ALERT}"`],
        target_matchers: [`alertname="${CHART_VOLUME_ALERT}"`],
        equal: ["namespace", "persistentvolumeclaim", "severity"],
    };
}

/**
 * Routing, first match wins unless `continue`:
 * 0. With alerting.deadMansSwitch, Watchdog goes to that webhook as a heartbeat.
 * 1. Watchdog and InfoInhibitor go to the null receiver, so they never page.
 * 1a. The routes of alerting.routes, in order, then a route per team that has a receiver of
 *    its name (builders/alerting/routes.ts). Stacks without them get none.
 * 2. `service="security"` goes to security, and continues: a security alert that is also
 *    critical pages on-call as well. Decision: the security team always owns security alerts,
 *    but it is rarely on call around the clock, so a critical one must also wake someone.
 * 3. `severity="critical"` goes to on-call.
 * 4. Everything else lands on the root receiver, default.
 */
export function rootRoute(config: StackConfig): Route {
    const a = config.alerting;
    return {
        receiver: RECEIVER_NAMES.default,
        group_by: [...GROUP_BY],
        group_wait: a.groupWait,
        group_interval: a.groupInterval,
        repeat_interval: a.repeatInterval,
        routes: [
            ...(a.deadMansSwitch === undefined ? [] : [deadMansSwitchRoute(a.deadMansSwitch.interval)]),
            { receiver: RECEIVER_NAMES.null, matchers: [`alertname=~"${SILENT_ALERTS.join("|")}"`] },
            ...configuredRoutes(config),
            ...teamRoutes(config),
            { receiver: RECEIVER_NAMES.security, matchers: ['service="security"'], continue: true },
            { receiver: RECEIVER_NAMES.onCall, matchers: ['severity="critical"'] },
        ],
    };
}

/**
 * Watchdog, every `interval`, to the dead-man's switch: sent at once and repeated on a short
 * cycle, since the switch raises its alarm when the heartbeat stops. It never resolves, so no
 * resolved notifications either.
 */
export function deadMansSwitchRoute(interval: string): Route {
    return {
        receiver: RECEIVER_NAMES.deadMansSwitch,
        matchers: ['alertname="Watchdog"'],
        group_wait: "0s",
        group_interval: interval,
        repeat_interval: interval,
    };
}

function deadMansSwitchReceiver(webhook: string, files: ReceiverFiles): Receiver {
    return { name: RECEIVER_NAMES.deadMansSwitch, webhook_configs: [{ ...files.webhook(webhook), send_resolved: false }] };
}
