import * as assert from "assert";
import { CHARTS } from "../../components/versions";
import { PREVIOUS_CHARTS, previousChartArgs } from "./previous-pins";

const parts = (v: string) => v.split(".").map(Number);
const older = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < 3; i++) {
        if (x[i] !== y[i]) {
            return x[i] < y[i];
        }
    }
    return false;
};

describe("previous chart pins (the upgrade test's starting point)", () => {
    it("names, for each upgraded chart, a release older than its current pin", () => {
        for (const [key, version] of Object.entries(PREVIOUS_CHARTS)) {
            const pin = CHARTS[key as keyof typeof CHARTS];
            assert.ok(pin, `${key} is not pinned in components/versions.ts`);
            assert.match(version, /^\d+\.\d+\.\d+$/, key);
            assert.ok(older(version, pin.version), `${key}: previous ${version} is not older than the pin ${pin.version}`);
        }
    });

    it("covers kube-prometheus-stack, Loki and both log agents, by the chart names the mirror uses", () => {
        assert.deepStrictEqual(Object.keys(PREVIOUS_CHARTS).sort(), ["alloy", "kubePrometheusStack", "loki", "promtail"]);
        assert.deepStrictEqual(previousChartArgs().map((a) => a.split("=")[0]).sort(), ["alloy", "kube-prometheus-stack", "loki", "promtail"]);
    });
});
