/**
 * Named receivers and routes (`alerting.receivers.<name>`, `alerting.routes`). The three
 * receivers of old (default, onCall, security) keep their keys; any other key is a receiver of
 * that name, such as a team's. Routes match labels in Alertmanager's matcher syntax
 * (https://prometheus.io/docs/alerting/latest/configuration/#matcher).
 */
import { z } from "zod";
import { dnsLabelOf, duration, durationOrZero, promLabelName } from "./primitives";

/** Config keys of the built-in receivers and the Alertmanager names they get. */
export const BUILT_IN_RECEIVERS = { default: "default", onCall: "on-call", security: "security" } as const;

/** Receiver names the program uses itself (builders/alertmanager-config.ts). */
export const RESERVED_RECEIVER_NAMES = ["null", "dead-mans-switch", ...Object.values(BUILT_IN_RECEIVERS)];

/** A named receiver's key: its Alertmanager name. */
export const receiverName = dnsLabelOf("payments");

const MATCHER_FORM = 'a matcher such as team="payments" or severity=~"critical|warning"';
const MATCHER = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)"((?:[^"\\]|\\.)*)"$/;

/** One matcher, `name op "value"`; a regex (=~, !~) must compile. */
export const matcher = z.string().superRefine((m, ctx) => {
    const match = MATCHER.exec(m.trim());
    if (match === null) {
        ctx.addIssue({ code: "custom", message: `expected ${MATCHER_FORM}` });
        return;
    }
    if (match[2].includes("~")) {
        try {
            new RegExp(`^(?:${JSON.parse(`"${match[3]}"`) as string})$`);
        } catch (error) {
            ctx.addIssue({ code: "custom", message: `expected ${MATCHER_FORM}, with a valid regex (${(error as Error).message})` });
        }
    }
});

const intervalName = z.string().regex(/^[a-z0-9]([-a-z0-9_]{0,61}[a-z0-9])?$/, { message: "expected a time interval name such as maintenance or business-hours" });

export const routeSchema = z
    .object({
        /** A key of alerting.receivers: default, onCall, security or a named one. */
        receiver: z.string({ message: "expected the key of a receiver in alerting.receivers such as payments" }),
        matchers: z.array(matcher, { message: `expected a list of matchers, each ${MATCHER_FORM}` }).min(1, { message: `expected at least one matcher, ${MATCHER_FORM}` }),
        /** Keep matching the routes after this one (Alertmanager's `continue`). Default false. */
        continue: z.boolean().default(false),
        groupBy: z.array(promLabelName).optional(),
        groupWait: durationOrZero.optional(),
        groupInterval: duration.optional(),
        repeatInterval: duration.optional(),
        /** Names in alerting.timeIntervals during which the route sends nothing. */
        muteTimeIntervals: z.array(intervalName).default([]),
        /** Names in alerting.timeIntervals outside of which the route sends nothing. */
        activeTimeIntervals: z.array(intervalName).default([]),
    })
    .strict();

export type RouteConfig = z.infer<typeof routeSchema>;
export { intervalName };

/** The Alertmanager name of a receiver key (onCall is on-call; named receivers keep theirs). */
export function receiverNameOf(key: string): string {
    return (BUILT_IN_RECEIVERS as Record<string, string>)[key] ?? key;
}
