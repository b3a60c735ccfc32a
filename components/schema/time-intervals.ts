/**
 * Named time intervals (`alerting.timeIntervals`): maintenance windows a route mutes in
 * (`muteTimeIntervals`) and business hours outside of which a route stays quiet
 * (`activeTimeIntervals`). The fields are Alertmanager's `time_intervals`
 * (https://prometheus.io/docs/alerting/latest/configuration/#time_interval), checked here
 * with its own rules: HH:MM times from 00:00 to 24:00 with the start before the end, day and
 * month names or numbers, `a:b` ranges in ascending order (a day of the month may count from
 * the end, so "1:-1" is the whole month), and an IANA time zone. Alertmanager loads the zone
 * from the tz database of its container (time.LoadLocation; v0.34 embeds none): the Prometheus
 * base image copies Debian's /usr/share/zoneinfo (prometheus/busybox, glibc/Dockerfile).
 */
import { z } from "zod";
import { intervalName } from "./routes";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Alertmanager's time pattern: two-digit hours, and 24:00 only as the end of a day. */
const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const TIME_FORM = 'a time of day HH:MM from 00:00 to 24:00 such as "22:00"';

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

const timeRange = z
    .object({
        start: z.string().regex(TIME, { message: `expected ${TIME_FORM}` }),
        end: z.string().regex(TIME, { message: `expected ${TIME_FORM}` }),
    })
    .strict()
    .refine((r) => !TIME.test(r.start) || !TIME.test(r.end) || minutes(r.start) < minutes(r.end), {
        message: "expected a start before the end (a window across midnight is two ranges: 22:00-24:00 and 00:00-02:00)",
        path: ["end"],
    });

/** `name`, a number within [min, max], or a range `a:b` of them in ascending order. */
function rangeList(what: string, example: string, value: (v: string) => number | undefined, ordered = (a: number, b: number) => a <= b) {
    const form = `${what} or a range of them such as ${example}`;
    return z.array(
        z.string().superRefine((s, ctx) => {
            const parts = s.toLowerCase().split(":");
            const values = parts.map(value);
            if (parts.length > 2 || values.some((v) => v === undefined)) {
                ctx.addIssue({ code: "custom", message: `expected ${form}` });
            } else if (values.length === 2 && !ordered(values[0]!, values[1]!)) {
                ctx.addIssue({ code: "custom", message: `expected ${form}, its start not after its end` });
            }
        }),
    ).optional();
}

const numberIn = (min: number, max: number, skip?: number) => (v: string) => {
    const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= min && n <= max && n !== skip ? n : undefined;
};
const named = (names: string[], number?: (v: string) => number | undefined) => (v: string) => {
    const i = names.indexOf(v);
    return i >= 0 ? i + 1 : number?.(v);
};

/**
 * Alertmanager's own order check of a day-of-month range (timeinterval.go, DayOfMonthRange): a
 * range may start from the front and end from the back ("1:-1"), not the other way round, and
 * is compared as in a 28-day month, where it must not end before it starts.
 */
function dayRangeOrdered(begin: number, end: number): boolean {
    const inShortMonth = (d: number) => (d < 0 ? 28 + d : d);
    return !(begin < 0 && end > 0) && inShortMonth(begin) <= inShortMonth(end);
}

const periodSchema = z
    .object({
        times: z.array(timeRange).optional(),
        weekdays: rangeList("a weekday", "monday:friday", named(WEEKDAYS)),
        daysOfMonth: rangeList("a day of the month from 1 to 31 (or -1 for the last)", "1:7", numberIn(-31, 31, 0), dayRangeOrdered),
        months: rangeList("a month name or number", "june:august", named(MONTHS, numberIn(1, 12))),
        years: rangeList("a year", "2026:2027", numberIn(1970, 9999)),
    })
    .strict()
    .superRefine((p, ctx) => {
        const ranges = (p.times ?? []).filter((r) => TIME.test(r.start) && TIME.test(r.end));
        ranges.forEach((r, i) => {
            const j = ranges.findIndex((o, k) => k < i && minutes(o.start) < minutes(r.end) && minutes(r.start) < minutes(o.end));
            if (j >= 0) {
                ctx.addIssue({ code: "custom", path: ["times", i], message: `expected time ranges that do not overlap; ${r.start}-${r.end} overlaps ${ranges[j].start}-${ranges[j].end}` });
            }
        });
    }, { when: (p) => typeof p.value === "object" && p.value !== null && Array.isArray((p.value as { times?: unknown }).times) });

/** An IANA time zone, as Node's ICU and Go's tz database know it. */
const timeZone = z.string().refine((tz) => {
    try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
    } catch {
        return false;
    }
}, { message: "expected an IANA time zone such as Europe/Berlin or UTC" });

export const timeIntervalSchema = z
    .object({
        name: intervalName,
        /** Zone every period is read in. Default UTC. */
        timeZone: timeZone.optional(),
        /** Any of these periods; within one, every field given must hold. */
        periods: z.array(periodSchema).min(1, { message: "expected at least one period such as { weekdays: [saturday], times: [{ start: \"02:00\", end: \"04:00\" }] }" }),
    })
    .strict();

export type TimeIntervalConfig = z.infer<typeof timeIntervalSchema>;
