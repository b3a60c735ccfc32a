/** Alertmanager routing: SMTP, receivers, routes and timings. Secrets stay out of this schema. */
import { z } from "zod";
import { alertList, logAlertSchema, metricAlertSchema } from "./custom-alerts";
import { timeIntervalSchema } from "./time-intervals";
import { checkRouteReferences, routeSchema } from "./routes";
import { dnsLabelOf, duration, durationOrZero, email, hostPort, whenFieldsValid } from "./primitives";

const webhookName = dnsLabelOf("pager");

const receiverSchema = z
    .object({
        email: z.array(email).default([]),
        /**
         * Slack channel ("#ops"); the incoming-webhook URL is the secret
         * `slackWebhookUrls.<receiver>` when set, else the shared `slackWebhookUrl`.
         */
        slackChannel: z.string().regex(/^[#@][a-z0-9._-]{1,80}$/, { message: "expected a Slack channel such as #ops-alerts" }).optional(),
        /** Names from alerting.webhooks. */
        webhooks: z.array(webhookName).default([]),
    })
    .strict()
    .refine((r) => r.email.length > 0 || r.slackChannel !== undefined || r.webhooks.length > 0, {
        message: "expected at least one e-mail address, a slackChannel or a webhook",
    });

export type ReceiverConfig = z.infer<typeof receiverSchema>;

export const alertingSchema = z
    .object({
        smtp: z
            .object({
                /** host:port of the relay; 587 with STARTTLS is the common case. */
                smarthost: hostPort,
                from: email,
                username: z.string().min(1, { message: "expected the SMTP user name such as alertmanager@example.com" }),
                requireTls: z.boolean(),
            })
            .strict(),
        /**
         * default, onCall and security, as ever, and any number of named receivers: the key is
         * the receiver's name, which routes and apps' `team` refer to.
         */
        receivers: z
            .object({ default: receiverSchema, onCall: receiverSchema, security: receiverSchema })
            .catchall(receiverSchema),
        /** Routes tried before the built-in ones (schema/routes.ts), in order. */
        routes: z.array(routeSchema).default([]),
        /** Maintenance windows and business hours, by name, for routes (schema/time-intervals.ts). */
        timeIntervals: z.array(timeIntervalSchema).default([]),
        /** Generic webhooks; each URL is a secret in `webhookUrls.<name>`. */
        webhooks: z.array(z.object({ name: webhookName, sendResolved: z.boolean() }).strict()),
        /** Zero is allowed here: Alertmanager then sends a new group at once. */
        groupWait: durationOrZero,
        groupInterval: duration,
        repeatInterval: duration,
        /**
         * An external dead-man's switch: the always-firing Watchdog alert goes to this webhook
         * (an alerting.webhooks name) every `interval`, and its silence raises the alarm there.
         */
        deadMansSwitch: z.object({ webhook: webhookName, interval: duration }).strict().optional(),
        /** Stack-wide alerts of the team's own (schema/custom-alerts.ts), one rule group. */
        metricAlerts: alertList(metricAlertSchema).default([]),
        /** Stack-wide LogQL alerts, evaluated by Loki's ruler, one rule group. */
        logAlerts: alertList(logAlertSchema).default([]),
    })
    .strict()
    .superRefine((a, ctx) => {
        const known = new Set(a.webhooks.map((w) => w.name));
        if (a.deadMansSwitch !== undefined && !known.has(a.deadMansSwitch.webhook)) {
            ctx.addIssue({
                code: "custom",
                path: ["deadMansSwitch", "webhook"],
                message: "expected the name of an entry in alerting.webhooks",
            });
        }
        for (const [receiver, r] of Object.entries(a.receivers)) {
            r.webhooks.forEach((name, i) => {
                if (!known.has(name)) {
                    ctx.addIssue({
                        code: "custom",
                        path: ["receivers", receiver, "webhooks", i],
                        message: "expected the name of an entry in alerting.webhooks",
                    });
                }
            });
        }
        if (new Set(a.webhooks.map((w) => w.name)).size !== a.webhooks.length) {
            ctx.addIssue({ code: "custom", path: ["webhooks"], message: "expected unique webhook names" });
        }
    }, { when: (p) => whenFieldsValid(p.value, ["webhooks", "receivers", "deadMansSwitch"], p.issues) })
    // Reads receivers, routes and time intervals warily, so a bad route is reported beside a
    // bad alert or time zone elsewhere in the section.
    .superRefine(checkRouteReferences, { when: (p) => typeof p.value === "object" && p.value !== null });
