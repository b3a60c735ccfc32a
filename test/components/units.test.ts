import * as assert from "assert";
import { durationHours, durationSeconds, prometheusSize, prometheusSizeBytes, quantityBytes } from "../../components/units";

describe("units", () => {
    it("reads Prometheus durations, compound ones included", () => {
        assert.strictEqual(durationSeconds("30d"), 30 * 86400);
        assert.strictEqual(durationSeconds("1h30m"), 5400);
        assert.strictEqual(durationSeconds("1w2d"), 9 * 86400);
        assert.strictEqual(durationSeconds("500ms"), 0.5);
        assert.strictEqual(durationHours("168h"), 168);
    });

    it("rejects durations Prometheus would reject", () => {
        for (const bad of ["", "30", "30 d", "1.5h", "30m1h", "-1d", "1D"]) {
            assert.throws(() => durationSeconds(bad), /not a Prometheus duration/, bad);
        }
    });

    it("reads Kubernetes quantities in binary and decimal units", () => {
        assert.strictEqual(quantityBytes("100Gi"), 100 * 2 ** 30);
        assert.strictEqual(quantityBytes("1G"), 1e9);
        assert.strictEqual(quantityBytes("512Mi"), 512 * 2 ** 20);
        assert.strictEqual(quantityBytes("1.5Ti"), 1.5 * 2 ** 40);
        assert.strictEqual(quantityBytes("1024"), 1024);
        assert.throws(() => quantityBytes("10GB"), /not a Kubernetes quantity/);
    });

    it("writes sizes the way Prometheus reads them: GB is GiB", () => {
        assert.strictEqual(prometheusSize(170 * 2 ** 30), "170GB");
        assert.strictEqual(prometheusSizeBytes("170GB"), 170 * 2 ** 30);
    });

    it("rounds a size down so it never exceeds the cap", () => {
        assert.strictEqual(prometheusSize(0.85 * 20 * 2 ** 30), "17GB");
        assert.strictEqual(prometheusSize(0.85 * 1 * 2 ** 30), "870MB");
        assert.ok(prometheusSizeBytes(prometheusSize(0.85 * 3 * 2 ** 30)) <= 0.85 * 3 * 2 ** 30);
    });
});
