import * as assert from "assert";
import { durationSeconds, prometheusSizeBytes, quantityBytes } from "../../../policies/lib/units";

describe("policy units", () => {
    it("reads Prometheus and Loki durations, compound ones included", () => {
        assert.strictEqual(durationSeconds("30d"), 30 * 86400);
        assert.strictEqual(durationSeconds("720h"), 30 * 86400);
        assert.strictEqual(durationSeconds("1h30m"), 5400);
        assert.strictEqual(durationSeconds("10m0s"), 600);
        assert.strictEqual(durationSeconds("2w"), 14 * 86400);
        assert.strictEqual(durationSeconds("0"), 0);
    });

    it("refuses what is not a duration", () => {
        assert.strictEqual(durationSeconds("30 days"), undefined);
        assert.strictEqual(durationSeconds("1.5d"), undefined, "model.Duration has no fractions");
        assert.strictEqual(durationSeconds("30m1h"), undefined, "units must be in order");
        assert.strictEqual(durationSeconds(""), undefined);
        assert.strictEqual(durationSeconds("d30"), undefined);
        assert.strictEqual(durationSeconds(undefined), undefined);
    });

    it("reads Kubernetes quantities in binary and decimal units", () => {
        assert.strictEqual(quantityBytes("200Gi"), 200 * 2 ** 30);
        assert.strictEqual(quantityBytes("500M"), 500e6);
        assert.strictEqual(quantityBytes("1e9"), 1e9);
        assert.strictEqual(quantityBytes("1.5Ti"), 1.5 * 2 ** 40);
        assert.strictEqual(quantityBytes("200GB"), undefined);
        assert.strictEqual(quantityBytes(".5Gi"), 2 ** 29);
        assert.strictEqual(quantityBytes("+1Gi"), 2 ** 30);
        assert.strictEqual(quantityBytes("100G"), 100e9);
    });

    it("reads Prometheus sizes in base 2, so 170GB is 170 GiB", () => {
        assert.strictEqual(prometheusSizeBytes("170GB"), 170 * 2 ** 30);
        assert.strictEqual(prometheusSizeBytes("512MB"), 512 * 2 ** 20);
        assert.strictEqual(prometheusSizeBytes("1TiB"), 2 ** 40);
        assert.strictEqual(prometheusSizeBytes("170Gi"), undefined);
        assert.strictEqual(prometheusSizeBytes(".5TB"), 2 ** 39);
        assert.strictEqual(prometheusSizeBytes("0"), 0);
        assert.strictEqual(prometheusSizeBytes("100B"), 100);
    });
});
