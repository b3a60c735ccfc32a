import * as assert from "assert";
import { BenchRun, benchRuns, HOST_PATHS, kubeBenchCronJobSpec, runPlacement } from "../../../components/builders/kube-bench/job";
import { REPORTER_ENV } from "../../../components/builders/kube-bench/script";
import { stackConfig } from "../../helpers/config";

const ON = { pushgateway: { enabled: true }, kubeBench: { enabled: true } };
const context = (overrides = {}) => ({
    config: stackConfig("prod", { ...ON, ...overrides }),
    serviceAccountName: "kube-bench",
    scriptConfigMap: "kube-bench-reporter",
    pushgatewayUrl: "http://pushgateway.monitoring.svc:9091",
    lokiPushUrl: "http://loki.monitoring.svc:3100/loki/api/v1/push",
});
/* eslint-disable @typescript-eslint/no-explicit-any */
const pod = (run: BenchRun, overrides = {}): any => (kubeBenchCronJobSpec(run, context(overrides)) as any).jobTemplate.spec.template.spec;
const WORKER: BenchRun = { id: "worker", role: "worker" };
const CONTROL_PLANE: BenchRun = { id: "control-plane", role: "control-plane" };

describe("kube-bench runs", () => {
    it("runs once per role by default: one control-plane node and one worker per schedule", () => {
        assert.deepStrictEqual(benchRuns(stackConfig("dev", ON).kubeBench).map((r) => r.id), ["control-plane", "worker"]);
    });

    it("skips the control plane where it is hidden (managed clusters)", () => {
        assert.deepStrictEqual(benchRuns(stackConfig("dev", { ...ON, kubeBench: { enabled: true, controlPlane: false } }).kubeBench).map((r) => r.role), ["worker"]);
    });

    it("runs once per listed node instead, pinned by node name", () => {
        const k = stackConfig("dev", { ...ON, kubeBench: { enabled: true, nodes: [{ name: "cp-1", role: "control-plane" }, { name: "node-a.example", role: "worker" }] } }).kubeBench;
        const runs = benchRuns(k);
        assert.deepStrictEqual(runs.map((r) => r.id), ["node-cp-1", "node-node-a.example"]);
        assert.deepStrictEqual((runPlacement(runs[1]) as any).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
            { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-a.example"] }] },
        ]);
    });

    it("places control-plane runs on nodes with either role label and tolerates their taints", () => {
        const p = runPlacement(CONTROL_PLANE) as any;
        const terms = p.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
        assert.deepStrictEqual(terms.map((t: any) => t.matchExpressions[0].key), ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"]);
        assert.deepStrictEqual(p.tolerations.map((t: any) => t.effect), ["NoSchedule", "NoSchedule"]);
    });

    it("keeps worker runs off control-plane nodes", () => {
        const p = runPlacement(WORKER) as any;
        const [term] = p.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
        assert.ok(term.matchExpressions.every((e: any) => e.operator === "DoesNotExist"));
        assert.strictEqual(p.tolerations, undefined, "no tolerations: an empty list is stored as no field");
    });
});

describe("kube-bench pod", () => {
    it("shares the host PID namespace, which kube-bench needs to see the kubelet's flags", () => {
        assert.strictEqual(pod(WORKER).hostPID, true);
    });

    it("mounts every host path read-only", () => {
        const [bench] = pod(WORKER).initContainers;
        const hostMounts = bench.volumeMounts.filter((m: any) => HOST_PATHS.some((h) => h.name === m.name));
        assert.strictEqual(hostMounts.length, HOST_PATHS.length);
        assert.ok(hostMounts.every((m: any) => m.readOnly === true));
        assert.ok(HOST_PATHS.some((h) => h.path === "/etc/kubernetes") && HOST_PATHS.some((h) => h.path === "/var/lib/kubelet"));
    });

    it("runs kube-bench with the pinned upstream image, writing JSON to the shared volume", () => {
        const [bench] = pod(WORKER).initContainers;
        assert.strictEqual(bench.image, "docker.io/aquasec/kube-bench:v0.15.6");
        assert.deepStrictEqual(bench.command, ["kube-bench", "--json", "--outputfile", "/results/kube-bench.json"]);
    });

    it("passes a configured benchmark version on", () => {
        const [bench] = pod(WORKER, { kubeBench: { enabled: true, benchmark: "cis-1.10" } }).initContainers;
        assert.deepStrictEqual(bench.command.slice(-2), ["--benchmark", "cis-1.10"]);
    });

    it("keeps kube-bench as root but without privilege escalation, writes or any capability but DAC_READ_SEARCH", () => {
        const [bench] = pod(WORKER).initContainers;
        assert.deepStrictEqual(bench.securityContext, {
            runAsUser: 0,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"], add: ["DAC_READ_SEARCH"] },
        });
        assert.strictEqual(pod(WORKER).containers.some((c: any) => c.securityContext?.privileged), false);
    });

    it("runs the reporter as non-root with nothing from the host", () => {
        const [report] = pod(WORKER).containers;
        assert.strictEqual(report.securityContext.runAsNonRoot, true);
        assert.deepStrictEqual(report.securityContext.capabilities, { drop: ["ALL"] });
        assert.deepStrictEqual(report.volumeMounts.map((m: any) => m.name).sort(), ["results", "scripts"]);
    });

    it("tells the reporter its node, role and both sinks", () => {
        const env = Object.fromEntries(pod(CONTROL_PLANE).containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
        assert.deepStrictEqual(env[REPORTER_ENV.node], { fieldRef: { fieldPath: "spec.nodeName" } });
        assert.strictEqual(env[REPORTER_ENV.role], "control-plane");
        assert.strictEqual(env[REPORTER_ENV.pushgateway], "http://pushgateway.monitoring.svc:9091");
        assert.strictEqual(env[REPORTER_ENV.loki], "http://loki.monitoring.svc:3100/loki/api/v1/push");
    });

    it("pulls both images through the mirror when one is configured", () => {
        const p = pod(WORKER, { mirrors: { imageRegistry: "registry.local:5000", imagePullSecrets: ["regcred"] } });
        assert.strictEqual(p.initContainers[0].image, "registry.local:5000/aquasec/kube-bench:v0.15.6");
        assert.strictEqual(p.containers[0].image, "registry.local:5000/library/node:24.15.0-alpine");
        assert.deepStrictEqual(p.imagePullSecrets, [{ name: "regcred" }]);
    });

    it("never overlaps runs and gives up on a hung one", () => {
        const spec = kubeBenchCronJobSpec(WORKER, context()) as any;
        assert.strictEqual(spec.concurrencyPolicy, "Forbid");
        assert.ok(spec.jobTemplate.spec.activeDeadlineSeconds > 0);
        assert.strictEqual(spec.schedule, "17 3 * * *");
    });
});
