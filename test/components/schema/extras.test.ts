import * as assert from "assert";
import { cronProblem } from "../../../components/schema/extras";

describe("cron schedules of the extras", () => {
    for (const ok of ["17 3 * * *", "*/15 * * * *", "0 0-6/2 * * 1-5", "30 2 1,15 * *", "0 4 * JAN,JUL SUN", "0 4 * * 7", "@daily", "@hourly"]) {
        it(`accepts "${ok}"`, () => {
            assert.strictEqual(cronProblem(ok), undefined);
        });
    }
    const bad: [string, RegExp][] = [
        ["", /5 fields/],
        ["0 3 * *", /got 4 fields/],
        ["0 3 * * * *", /got 6 fields/],
        ["61 3 * * *", /minute field "61"/],
        ["0 3 0 * *", /day of month field "0"/],
        ["0 3 * 13 *", /month field "13"/],
        ["0 3 * * 8", /day of week field "8"/],
        ["0 5-3 * * *", /hour field "5-3"/],
        ["*/0 * * * *", /minute field/],
        ["0 3 * * MON-FUN", /day of week field/],
        ["@fortnightly", /5 fields/],
        ["0 3 * * 1/2/3", /day of week field/],
    ];
    for (const [expr, message] of bad) {
        it(`rejects "${expr}", saying which field is wrong`, () => {
            assert.match(cronProblem(expr) ?? "accepted", message);
        });
    }
});
