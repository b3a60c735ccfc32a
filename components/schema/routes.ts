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

type Issue = z.RefinementCtx;
const isTree = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What routes refer to exists: each route's receiver is a key of alerting.receivers and each
 * time interval it names is in alerting.timeIntervals, whose names are unique; named receivers
 * have names the stack does not use itself. Reads the section as given (a sibling field may be
 * wrong, and its defaults not applied), so these problems are reported with any other.
 */
export function checkRouteReferences(a: Record<string, unknown>, ctx: Issue): void {
    const receivers = isTree(a.receivers) ? Object.keys(a.receivers) : undefined;
    const intervals = Array.isArray(a.timeIntervals) ? a.timeIntervals.map((t) => (isTree(t) ? t.name : undefined)).filter((n): n is string => typeof n === "string") : [];
    if (receivers !== undefined) {
        checkReceiverNames(receivers, ctx);
    }
    (Array.isArray(a.routes) ? a.routes : []).forEach((r, i) => {
        if (!isTree(r)) {
            return;
        }
        for (const field of ["muteTimeIntervals", "activeTimeIntervals"]) {
            const names = Array.isArray(r[field]) ? r[field] : [];
            names.forEach((name, j) => {
                if (typeof name === "string" && !intervals.includes(name)) {
                    ctx.addIssue({
                        code: "custom",
                        path: ["routes", i, field, j],
                        message: `expected the name of an entry in alerting.timeIntervals${intervals.length === 0 ? " (there is none)" : `: ${intervals.join(", ")}`}`,
                    });
                }
            });
        }
        if (receivers !== undefined && typeof r.receiver === "string" && !receivers.includes(r.receiver)) {
            ctx.addIssue({ code: "custom", path: ["routes", i, "receiver"], message: `expected the key of a receiver in alerting.receivers: ${receivers.join(", ")}` });
        }
    });
    if (new Set(intervals).size !== intervals.length) {
        ctx.addIssue({ code: "custom", path: ["timeIntervals"], message: "expected unique time interval names" });
    }
}

/** A named receiver's key is its Alertmanager name: a DNS label the program does not use itself. */
function checkReceiverNames(keys: string[], ctx: Issue): void {
    for (const key of keys.filter((k) => !Object.hasOwn(BUILT_IN_RECEIVERS, k))) {
        const parsed = receiverName.safeParse(key);
        if (!parsed.success) {
            ctx.addIssue({ code: "custom", path: ["receivers", key], message: `expected a receiver name that ${parsed.error.issues[0].message.replace(/^expected /, "is ")}` });
        } else if (RESERVED_RECEIVER_NAMES.includes(key)) {
            ctx.addIssue({ code: "custom", path: ["receivers", key], message: `expected a receiver name other than ${RESERVED_RECEIVER_NAMES.join(", ")}, which the stack uses itself (onCall is on-call)` });
        }
    }
}
