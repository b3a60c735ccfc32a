/**
 * The routes and receivers a stack's config names (schema/routes.ts), in Alertmanager's form.
 * builders/alertmanager-config.ts places them in the routing tree: after the silent alerts,
 * before the built-in security and on-call routes.
 */
import type { StackConfig } from "../../schema";
import { BUILT_IN_RECEIVERS, receiverNameOf, type RouteConfig } from "../../schema/routes";
import type { Route, TimeInterval } from "../alertmanager-types";

/** The configured routes, in order. */
export function configuredRoutes(config: StackConfig): Route[] {
    return config.alerting.routes.map(route);
}

function route(r: RouteConfig): Route {
    return {
        receiver: receiverNameOf(r.receiver),
        matchers: r.matchers.map((m) => m.trim()),
        ...(r.continue ? { continue: true } : {}),
        ...(r.groupBy === undefined ? {} : { group_by: r.groupBy }),
        ...(r.groupWait === undefined ? {} : { group_wait: r.groupWait }),
        ...(r.groupInterval === undefined ? {} : { group_interval: r.groupInterval }),
        ...(r.repeatInterval === undefined ? {} : { repeat_interval: r.repeatInterval }),
        ...(r.muteTimeIntervals.length === 0 ? {} : { mute_time_intervals: r.muteTimeIntervals }),
        ...(r.activeTimeIntervals.length === 0 ? {} : { active_time_intervals: r.activeTimeIntervals }),
    };
}

/** Keys of the named receivers (every receiver but default, onCall and security), sorted. */
export function namedReceiverKeys(config: StackConfig): string[] {
    return Object.keys(config.alerting.receivers).filter((k) => !Object.hasOwn(BUILT_IN_RECEIVERS, k)).sort();
}

/** Every team an alert may carry: apps' teams and the teams user-defined alerts name. */
export function alertTeams(config: StackConfig): string[] {
    const teams = [
        ...config.apps.flatMap((a) => [a.team, ...a.metricAlerts.map((m) => m.team)]),
        ...config.alerting.metricAlerts.map((m) => m.team),
    ];
    return [...new Set(teams.filter((t): t is string => t !== undefined))].sort();
}

/**
 * A route `team="<team>"` to the receiver of that name, for every team with a receiver of its
 * name and no configured route of its own. `continue`, for the reason security's route has it:
 * the team owns its alerts, and a critical one still pages on-call after.
 */
export function teamRoutes(config: StackConfig): Route[] {
    const receivers = new Set(namedReceiverKeys(config));
    const routed = new Set(config.alerting.routes.flatMap((r) => r.matchers.map((m) => m.trim())));
    return alertTeams(config)
        .filter((team) => receivers.has(team) && !routed.has(`team="${team}"`))
        .map((team) => ({ receiver: team, matchers: [`team="${team}"`], continue: true }));
}

/** alerting.timeIntervals in Alertmanager's `time_intervals` form; undefined when there are none. */
export function timeIntervals(config: StackConfig): TimeInterval[] | undefined {
    const intervals = config.alerting.timeIntervals;
    if (intervals.length === 0) {
        return undefined;
    }
    return intervals.map((t) => ({
        name: t.name,
        time_intervals: t.periods.map((p) => ({
            ...(p.times === undefined ? {} : { times: p.times.map((r) => ({ start_time: r.start, end_time: r.end })) }),
            ...(p.weekdays === undefined ? {} : { weekdays: p.weekdays.map((d) => d.toLowerCase()) }),
            ...(p.daysOfMonth === undefined ? {} : { days_of_month: p.daysOfMonth }),
            ...(p.months === undefined ? {} : { months: p.months.map((m) => m.toLowerCase()) }),
            ...(p.years === undefined ? {} : { years: p.years }),
            ...(t.timeZone === undefined ? {} : { location: t.timeZone }),
        })),
    }));
}
