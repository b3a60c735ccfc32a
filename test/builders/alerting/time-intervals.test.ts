import * as assert from "assert";
import { alertmanagerConfig } from "../../../components/builders/alertmanager-config";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

const MAINTENANCE = {
    name: "maintenance",
    timeZone: "Europe/Berlin",
    periods: [{ weekdays: ["Saturday"], times: [{ start: "22:00", end: "24:00" }] }, { weekdays: ["sunday"], times: [{ start: "00:00", end: "02:00" }] }],
};
const BUSINESS = { name: "business-hours", periods: [{ weekdays: ["monday:friday"], times: [{ start: "08:00", end: "18:00" }], months: ["january:december"], daysOfMonth: ["1:-1"], years: ["2026:2030"] }] };
const routing = (intervals: unknown[], route: ConfigTree = {}): ConfigTree => ({
    alerting: {
        receivers: { payments: { email: ["payments@example.com"] } },
        timeIntervals: intervals,
        routes: [{ receiver: "payments", matchers: ['team="payments"'], muteTimeIntervals: ["maintenance"], ...route }],
    },
});

describe("time intervals", () => {
    const am = alertmanagerConfig(stackConfig("dev", routing([MAINTENANCE, BUSINESS], { activeTimeIntervals: ["business-hours"] })));

    it("writes Alertmanager's time_intervals, each period read in the interval's time zone", () => {
        assert.deepStrictEqual(am.time_intervals?.[0], {
            name: "maintenance",
            time_intervals: [
                { times: [{ start_time: "22:00", end_time: "24:00" }], weekdays: ["saturday"], location: "Europe/Berlin" },
                { times: [{ start_time: "00:00", end_time: "02:00" }], weekdays: ["sunday"], location: "Europe/Berlin" },
            ],
        });
        assert.deepStrictEqual(am.time_intervals?.[1].time_intervals[0], {
            times: [{ start_time: "08:00", end_time: "18:00" }], weekdays: ["monday:friday"], days_of_month: ["1:-1"], months: ["january:december"], years: ["2026:2030"],
        });
    });

    it("references them from the route by name", () => {
        const route = am.route.routes?.find((r) => r.receiver === "payments");
        assert.deepStrictEqual(route?.mute_time_intervals, ["maintenance"]);
        assert.deepStrictEqual(route?.active_time_intervals, ["business-hours"]);
    });

    const bad = (periods: unknown[]) => routing([{ ...MAINTENANCE, periods }]);
    const cases: [string, ConfigTree, string, RegExp][] = [
        ["an undefined mute interval", routing([]), "alerting.routes.0.muteTimeIntervals.0", /entry in alerting.timeIntervals \(there is none\)/],
        ["an undefined active interval", routing([MAINTENANCE], { activeTimeIntervals: ["office"] }), "alerting.routes.0.activeTimeIntervals.0", /alerting.timeIntervals: maintenance/],
        ["overlapping time ranges", bad([{ times: [{ start: "08:00", end: "12:00" }, { start: "11:00", end: "13:00" }] }]), "alerting.timeIntervals.0.periods.0.times.1", /do not overlap; 11:00-13:00 overlaps 08:00-12:00/],
        ["a time range that ends before it starts", bad([{ times: [{ start: "22:00", end: "02:00" }] }]), "alerting.timeIntervals.0.periods.0.times.0.end", /start before the end .*two ranges/],
        ["a malformed time", bad([{ times: [{ start: "9:00", end: "17:00" }] }]), "alerting.timeIntervals.0.periods.0.times.0.start", /HH:MM from 00:00 to 24:00/],
        ["an hour past 24", bad([{ times: [{ start: "08:00", end: "25:00" }] }]), "alerting.timeIntervals.0.periods.0.times.0.end", /HH:MM/],
        ["an unknown weekday", bad([{ weekdays: ["mondays"] }]), "alerting.timeIntervals.0.periods.0.weekdays.0", /a weekday or a range of them such as monday:friday/],
        ["a descending weekday range", bad([{ weekdays: ["friday:monday"] }]), "alerting.timeIntervals.0.periods.0.weekdays.0", /start not after its end/],
        ["a day range from the back to the front, which Alertmanager refuses", bad([{ daysOfMonth: ["-3:5"] }]), "alerting.timeIntervals.0.periods.0.daysOfMonth.0", /start not after its end/],
        ["a day range that ends before it starts in a short month", bad([{ daysOfMonth: ["27:-3"] }]), "alerting.timeIntervals.0.periods.0.daysOfMonth.0", /start not after its end/],
        ["day 0 of the month", bad([{ daysOfMonth: ["0"] }]), "alerting.timeIntervals.0.periods.0.daysOfMonth.0", /day of the month/],
        ["an unknown time zone", routing([{ ...MAINTENANCE, timeZone: "Europe/Paris2" }]), "alerting.timeIntervals.0.timeZone", /IANA time zone such as Europe\/Berlin/],
        ["an interval without periods", routing([{ ...MAINTENANCE, periods: [] }]), "alerting.timeIntervals.0.periods", /at least one period/],
        ["two intervals of one name", routing([MAINTENANCE, MAINTENANCE]), "alerting.timeIntervals", /unique time interval names/],
    ];
    for (const [why, overrides, key, expects] of cases) {
        it(`refuses ${why}, naming ${key}`, () => {
            assert.match(configProblem(overrides, key), expects);
        });
    }
});
