import * as assert from "assert";
import type { ConfigTree } from "../../components/presets";
import { reporterScript } from "../../components/builders/kube-bench/script";
import { ProgramRun, rejectedProblem, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CRONJOB = "kubernetes:batch/v1:CronJob";
const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const ON = { pushgateway: { enabled: true }, kubeBench: { enabled: true } };
const benchJobs = (run: ProgramRun) => run.mocks.ofType(CRONJOB).filter((j) => j.inputs.metadata.name.startsWith("kube-bench-"));

for (const stack of ["dev", "prod"] as const) {
    describe(`kube-bench in the ${stack} stack`, () => {
        it("creates nothing unless the stack turns it on", async () => {
            const run = await runProgram(stack);
            assert.deepStrictEqual(benchJobs(run), []);
            assert.ok(!run.mocks.ofType(RULE).some((r) => r.inputs.metadata.name === "kube-bench"));
        });

        describe("when enabled", () => {
            let run: ProgramRun;
            before(async () => {
                run = await runProgram(stack, ON);
            });

            it("schedules one CronJob per node role in the stack namespace", () => {
                const jobs = benchJobs(run);
                assert.deepStrictEqual(jobs.map((j) => j.inputs.metadata.name).sort(), ["kube-bench-control-plane", "kube-bench-worker"]);
                assert.ok(jobs.every((j) => j.inputs.metadata.namespace === "monitoring" && j.inputs.spec.schedule === "17 3 * * *"));
            });

            it("ships the reporter script in the ConfigMap the jobs mount", () => {
                const cm = run.mocks.get("kubernetes:core/v1:ConfigMap", "kube-bench-script");
                assert.strictEqual(cm.inputs.data["report.js"], reporterScript());
                const volumes = benchJobs(run)[0].inputs.spec.jobTemplate.spec.template.spec.volumes;
                assert.ok(volumes.some((v: any) => v.configMap?.name === cm.inputs.metadata.name));
            });

            it("runs under its own service account, which is granted nothing", () => {
                const sa = run.mocks.get("kubernetes:core/v1:ServiceAccount", "kube-bench-account");
                assert.strictEqual(benchJobs(run)[0].inputs.spec.jobTemplate.spec.template.spec.serviceAccountName, sa.inputs.metadata.name);
                const bindings = run.mocks.resources.filter((r) => /RoleBinding$/.test(r.type) && JSON.stringify(r.inputs).includes(sa.inputs.metadata.name));
                assert.deepStrictEqual(bindings, []);
            });

            it("pushes to the Pushgateway service and to Loki's push URL", () => {
                const env = benchJobs(run)[0].inputs.spec.jobTemplate.spec.template.spec.containers[0].env;
                const value = (name: string) => env.find((e: any) => e.name === name).value;
                assert.strictEqual(value("PUSHGATEWAY_URL"), "http://pushgateway.monitoring.svc:9091");
                assert.strictEqual(value("LOKI_PUSH_URL"), "http://loki.monitoring.svc:3100/loki/api/v1/push");
            });

            it(stack === "prod" ? "lets the reporter through Loki's NetworkPolicy to the push port" : "adds no NetworkPolicy where the stack has none", () => {
                const policies = run.mocks.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.name === "kube-bench-loki-ingress");
                if (stack === "dev") {
                    assert.deepStrictEqual(policies, []);
                    return;
                }
                const [policy] = policies;
                const podLabels = benchJobs(run)[0].inputs.spec.jobTemplate.spec.template.metadata.labels;
                const [rule] = policy.inputs.spec.ingress;
                for (const [k, v] of Object.entries(rule.from[0].podSelector.matchLabels)) {
                    assert.strictEqual(podLabels[k], v, k);
                }
                assert.deepStrictEqual(rule.ports, [{ port: 3100, protocol: "TCP" }]);
                assert.strictEqual(policy.inputs.spec.podSelector.matchLabels["app.kubernetes.io/name"], "loki");
            });

            it("adds the kube-bench alert group for the security receiver", () => {
                const rule = run.mocks.ofType(RULE).find((r) => r.inputs.metadata.name === "kube-bench")!;
                const rules = rule.inputs.spec.groups[0].rules;
                assert.ok(rules.some((r: any) => r.alert === "KubeBenchFailingChecksIncreased" && r.labels.service === "security"));
            });
        });
    });
}

describe("kube-bench config", () => {
    it("audits each listed node with its own CronJob", async () => {
        const run = await runProgram("prod", { ...ON, kubeBench: { enabled: true, nodes: [{ name: "cp-1", role: "control-plane" }, { name: "w-1", role: "worker" }, { name: "w-2", role: "worker" }] } });
        assert.deepStrictEqual(benchJobs(run).map((j) => j.inputs.metadata.name).sort(), ["kube-bench-node-cp-1", "kube-bench-node-w-1", "kube-bench-node-w-2"]);
    });

    const invalid: [string, ConfigTree, string, RegExp][] = [
        ["without the Pushgateway", { kubeBench: { enabled: true } }, "observability:pushgateway.enabled", /kube-bench pushes its totals/],
        ["with a six-field schedule", { ...ON, kubeBench: { enabled: true, schedule: "0 0 3 * * *" } }, "observability:kubeBench.schedule", /5 fields .* got 6 fields/],
        ["with an hour of 24", { ...ON, kubeBench: { enabled: true, schedule: "0 24 * * *" } }, "observability:kubeBench.schedule", /hour field "24"/],
        ["with neither role nor nodes", { ...ON, kubeBench: { enabled: true, controlPlane: false, workers: false } }, "observability:kubeBench.workers", /controlPlane or workers/],
        ["with the same node twice", { ...ON, kubeBench: { enabled: true, nodes: [{ name: "n1", role: "worker" }, { name: "n1", role: "worker" }] } }, "observability:kubeBench.nodes", /unique node names/],
        ["with a node role that does not exist", { ...ON, kubeBench: { enabled: true, nodes: [{ name: "n1", role: "master" }] } }, "observability:kubeBench.nodes.0.role", /control-plane or worker/],
    ];
    for (const [why, overrides, key, expects] of invalid) {
        it(`rejects kube-bench ${why}, naming ${key}, before registering anything`, async () => {
            const { problem } = await rejectedProblem("dev", overrides, key);
            assert.match(problem, expects);
        });
    }
});
