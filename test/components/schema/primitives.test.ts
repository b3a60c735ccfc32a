import * as assert from "assert";
import { duration, durationOrZero, resources, volumeSize } from "../../../components/schema/primitives";
import { cpuCores } from "../../../components/units";

describe("shared config types (schema/primitives.ts)", () => {
    it("refuses a zero duration everywhere but where zero means at once", () => {
        for (const zero of ["0s", "0m", "0d", "0h0m", "0ms"]) {
            assert.ok(!duration.safeParse(zero).success, zero);
            assert.ok(durationOrZero.safeParse(zero).success, zero);
        }
        assert.ok(duration.safeParse("1ms").success);
    });

    it("refuses volume sizes of zero, below zero or without a number", () => {
        for (const size of ["0", "0Gi", "0.0Mi", "-1Gi", "Gi", ""]) {
            assert.ok(!volumeSize.safeParse(size).success, size);
        }
        assert.ok(volumeSize.safeParse("512Mi").success);
    });

    it("compares limits with requests across units", () => {
        const r = (cpu: [string, string | undefined], memory: [string, string]) => ({ requests: { cpu: cpu[0], memory: memory[0] }, limits: { ...(cpu[1] === undefined ? {} : { cpu: cpu[1] }), memory: memory[1] } });
        assert.ok(resources.safeParse(r(["500m", "1"], ["1Gi", "1024Mi"])).success);
        assert.ok(resources.safeParse(r(["2", undefined], ["1G", "1Gi"])).success);
        assert.deepStrictEqual(resources.safeParse(r(["1", "999m"], ["1Gi", "1G"])).error?.issues.map((i) => i.path.join(".")), ["limits.memory", "limits.cpu"]);
    });

    it("reads CPU quantities in cores", () => {
        assert.deepStrictEqual(["250m", "2", "0.5"].map(cpuCores), [0.25, 2, 0.5]);
    });
});
