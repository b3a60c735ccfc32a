import * as assert from "assert";
import { ProgramRun, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHART = "kubernetes:helm.sh/v4:Chart";
const ON = { pushgateway: { enabled: true } };

for (const stack of ["dev", "prod"] as const) {
    describe(`Pushgateway in the ${stack} stack`, () => {
        it("is not installed unless the stack turns it on", async () => {
            const run = await runProgram(stack);
            assert.deepStrictEqual(run.mocks.ofType(CHART).filter((c) => String(c.inputs.chart).endsWith("prometheus-pushgateway")), []);
        });

        describe("when enabled", () => {
            let run: ProgramRun;
            let values: any;
            before(async () => {
                run = await runProgram(stack, ON);
                values = run.mocks.get(CHART, "pushgateway-chart").inputs.values;
            });

            it("installs prometheus-pushgateway 3.8.0 as release pushgateway in the stack namespace", () => {
                const inputs = run.mocks.get(CHART, "pushgateway-chart").inputs;
                assert.deepStrictEqual(
                    [inputs.chart, inputs.version, inputs.repositoryOpts, inputs.name, inputs.namespace],
                    ["prometheus-pushgateway", "3.8.0", { repo: "https://prometheus-community.github.io/helm-charts" }, "pushgateway", "monitoring"],
                );
            });

            it("is scraped through its ServiceMonitor with the pushed labels kept", () => {
                assert.deepStrictEqual(values.serviceMonitor, { enabled: true, namespace: "monitoring", honorLabels: true });
            });

            it("runs the pinned image with the environment's resources, without root or writes", () => {
                assert.deepStrictEqual(values.image, { registry: "quay.io", repository: "prometheus/pushgateway", tag: "v1.11.3" });
                assert.strictEqual(values.resources.limits.memory, stack === "prod" ? "256Mi" : "128Mi");
                assert.strictEqual(values.containerSecurityContext.readOnlyRootFilesystem, true);
            });

            it(stack === "prod" ? "admits only pods of the stack namespace" : "leaves network policy off, like the rest of dev", () => {
                assert.deepStrictEqual(values.networkPolicy, stack === "prod" ? { customSelectors: [{ podSelector: {} }] } : {});
            });

            it("keeps pushed metrics in memory only unless persistence is on", () => {
                assert.deepStrictEqual(values.persistentVolume, { enabled: false });
                assert.deepStrictEqual(run.mocks.ofType("kubernetes:core/v1:PersistentVolumeClaim").filter((c) => c.name === "pushgateway-storage"), []);
                assert.deepStrictEqual(values.extraArgs, []);
            });
        });
    });
}

describe("Pushgateway options", () => {
    it("persists pushed metrics to a file on a claim of its own that the chart mounts", async () => {
        const run = await runProgram("prod", { pushgateway: { enabled: true, persistence: { enabled: true, size: "1Gi" } } });
        const values = run.mocks.get(CHART, "pushgateway-chart").inputs.values;
        const claim = run.mocks.get("kubernetes:core/v1:PersistentVolumeClaim", "pushgateway-storage");
        assert.deepStrictEqual(values.persistentVolume, { enabled: true, existingClaim: claim.inputs.metadata.name });
        assert.deepStrictEqual([claim.inputs.spec.resources.requests.storage, claim.inputs.spec.storageClassName], ["1Gi", "fast-ssd"]);
        assert.ok(values.extraArgs.includes("--persistence.file=/data/pushgateway.data"));
    });

    it("pulls from the mirror registry", async () => {
        const run = await runProgram("dev", { ...ON, mirrors: { imageRegistry: "registry.local:5000/mirror", imagePullSecrets: ["regcred"] } });
        const values = run.mocks.get(CHART, "pushgateway-chart").inputs.values;
        assert.strictEqual(values.image.registry, "registry.local:5000/mirror");
        assert.deepStrictEqual(values.imagePullSecrets, [{ name: "regcred" }]);
    });
});
