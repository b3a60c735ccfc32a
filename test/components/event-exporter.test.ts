import * as assert from "assert";
import * as YAML from "yaml";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
const READ = ["get", "list", "watch"];

for (const stack of ["dev", "prod"] as const) {
    describe(`EventExporter in the ${stack} stack`, () => {
        let run: ProgramRun;
        const get = (type: string, name: string) => run.mocks.get(type, `event-exporter-${name}`).inputs;
        before(async () => {
            run = await runProgram(stack);
        });

        it("creates a ServiceAccount, RBAC, its config, a Deployment and its metrics Service and ServiceMonitor, no chart", () => {
            const mine = run.mocks.resources.filter((r) => r.name.startsWith("event-exporter-")).map((r) => r.type).sort();
            assert.deepStrictEqual(mine, [
                "kubernetes:apps/v1:Deployment",
                "kubernetes:core/v1:ConfigMap",
                "kubernetes:core/v1:Service",
                "kubernetes:core/v1:ServiceAccount",
                "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
                `${RBAC}:ClusterRole`,
                `${RBAC}:ClusterRoleBinding`,
                `${RBAC}:Role`,
                `${RBAC}:RoleBinding`,
            ]);
        });

        it("grants no write verb outside coordination.k8s.io leases", () => {
            const rules = [...get(`${RBAC}:ClusterRole`, "cluster-role").rules, ...get(`${RBAC}:Role`, "lease-role").rules];
            for (const rule of rules) {
                const writes = rule.verbs.filter((v: string) => !READ.includes(v));
                assert.ok(writes.length === 0 || (rule.apiGroups.join() === "coordination.k8s.io" && rule.resources.join() === "leases"), JSON.stringify(rule));
            }
            assert.deepStrictEqual(get(`${RBAC}:ClusterRole`, "cluster-role").rules, [{ apiGroups: [""], resources: ["events"], verbs: READ }]);
        });

        it("binds both roles to its ServiceAccount, the lease Role only in its namespace", async () => {
            const subjects = [{ kind: "ServiceAccount", name: "event-exporter", namespace: "monitoring" }];
            assert.deepStrictEqual(await valueOf(get(`${RBAC}:ClusterRoleBinding`, "cluster-role-binding").subjects), subjects);
            const binding = get(`${RBAC}:RoleBinding`, "lease-role-binding");
            assert.deepStrictEqual(await valueOf(binding.subjects), subjects);
            assert.deepStrictEqual([binding.roleRef.kind, binding.metadata.namespace], ["Role", "monitoring"]);
        });

        it("ships events to Loki's push URL labelled job=kubernetes-event and the cluster name", () => {
            const config = YAML.parse(get("kubernetes:core/v1:ConfigMap", "config").data["config.yaml"]);
            assert.strictEqual(config.receivers[0].loki.url, "http://loki.monitoring.svc:3100/loki/api/v1/push");
            assert.deepStrictEqual(config.receivers[0].loki.streamLabels, { job: "kubernetes-event", cluster: stack });
        });

        it("runs the pinned upstream image, non-root, with probes and the environment's replicas and resources", () => {
            const spec = get("kubernetes:apps/v1:Deployment", "deployment").spec;
            const container = spec.template.spec.containers[0];
            assert.strictEqual(container.image, "ghcr.io/resmoio/kubernetes-event-exporter:v1.7");
            assert.strictEqual(container.securityContext.readOnlyRootFilesystem, true);
            assert.strictEqual(spec.template.spec.securityContext.runAsNonRoot, true);
            assert.ok(container.livenessProbe && container.readinessProbe);
            assert.strictEqual(spec.replicas, stack === "prod" ? 2 : 1);
            assert.strictEqual(container.resources.limits.memory, stack === "prod" ? "256Mi" : "128Mi");
            assert.strictEqual(spec.template.spec.serviceAccountName, "event-exporter");
        });

        it("is scraped as job event-exporter: the Service carries that name", () => {
            const service = get("kubernetes:core/v1:Service", "service");
            assert.strictEqual(service.metadata.name, "event-exporter");
            const monitor = get("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "service-monitor");
            assert.deepStrictEqual(monitor.spec.selector.matchLabels, service.spec.selector);
            assert.deepStrictEqual(monitor.spec.endpoints[0].port, service.spec.ports[0].name);
        });

        it("labels its objects with the standard app.kubernetes.io set", () => {
            const labels = get("kubernetes:core/v1:ServiceAccount", "service-account").metadata.labels;
            assert.deepStrictEqual(
                [labels["app.kubernetes.io/name"], labels["app.kubernetes.io/instance"], labels["app.kubernetes.io/part-of"], labels["app.kubernetes.io/managed-by"]],
                ["kubernetes-event-exporter", "event-exporter", "observability-stack", "pulumi"],
            );
        });
    });
}

describe("EventExporter switches", () => {
    it("is absent when eventExporter.enabled is false", async () => {
        const run = await runProgram("prod", { eventExporter: { enabled: false } });
        assert.deepStrictEqual(run.mocks.resources.filter((r) => r.name.startsWith("event-exporter")).map((r) => r.name), []);
    });

    it("pulls from the mirror registry with the pull secrets", async () => {
        const run = await runProgram("dev", { mirrors: { imageRegistry: "registry.local:5000", imagePullSecrets: ["regcred"] } });
        const pod = run.mocks.get("kubernetes:apps/v1:Deployment", "event-exporter-deployment").inputs.spec.template.spec;
        assert.strictEqual(pod.containers[0].image, "registry.local:5000/resmoio/kubernetes-event-exporter:v1.7");
        assert.deepStrictEqual(pod.imagePullSecrets, [{ name: "regcred" }]);
    });

    it("rolls its pods when the config changes (config checksum on the pod template)", async () => {
        const checksum = async (cluster: string) =>
            (await runProgram("dev", { cluster: { name: cluster } })).mocks.get("kubernetes:apps/v1:Deployment", "event-exporter-deployment")
                .inputs.spec.template.metadata.annotations["checksum/config"];
        assert.notStrictEqual(await checksum("dev-a"), await checksum("dev-b"));
    });
});
