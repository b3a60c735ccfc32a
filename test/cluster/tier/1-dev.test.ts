/**
 * dev, as a user runs it (lifecycle.ts: preview, up, a no-change preview, live checks), then a
 * password rotation and destroy.
 */
import * as assert from "assert";
import { ADMIN_PASSWORD_VERSION_ANNOTATION } from "../../../components/builders/grafana-values";
import { BACKUP_NAMES } from "../../../components/builders/backup-jobs";
import { lokiPushUrl, RELEASES } from "../../../components/builders/endpoints";
import { SECRETS } from "../../../components/builders/secret-refs";
import { KUBE_BENCH_NAME } from "../../../components/kube-bench";
import { THANOS_OBJSTORE_SECRET } from "../../../components/builders/object-storage";
import { get, items, kubectl, Obj, secretData } from "./kubectl";
import { assertCaWhereKeys, assertWorkloadsReady, OBJECT_STORE_SECRET, plannedChanges, step, switchOnLongTerm, upAndCheck } from "./lifecycle";

const NAMESPACE = "monitoring";
const PART_OF = "app.kubernetes.io/part-of=observability-stack";

const decodedValues = (o: Obj) => (o.kind === "Secret" ? Object.values(secretData(o)).join("\n") : "");

describe("dev under the real engine and a real API server", () => {
    const project = upAndCheck("dev");

    it("rotates the Grafana admin password as an in-place update of the Secret and a Grafana rollout", () => {
        const before = get(["secret", SECRETS.grafanaAdmin.name, "-n", NAMESPACE]);
        project().configure({ "grafana.adminPasswordVersion": 2 });
        const planned = plannedChanges(step(project(), "preview (rotation)", ["preview", "--json"]));
        const replaced = planned.filter((s) => s.op.includes("replace")).map((s) => s.type);
        assert.deepStrictEqual([...new Set(replaced)], ["random:index/randomPassword:RandomPassword"], JSON.stringify(planned, null, 1));
        const k8sUpdates = planned.filter((s) => s.type.startsWith("kubernetes:") && !s.type.startsWith("kubernetes:helm.sh/"));
        assert.deepStrictEqual(
            k8sUpdates.map((s) => `${s.op} ${s.type} ${s.urn.split("::").pop()}`).sort(),
            ["update kubernetes:apps/v1:Deployment metrics-chart:monitoring/grafana", "update kubernetes:core/v1:Secret observability-secrets-grafana-admin"],
        );
        step(project(), "up (rotation)", ["up", "--yes", "--skip-preview"]);
        const after = get(["secret", SECRETS.grafanaAdmin.name, "-n", NAMESPACE]);
        assert.strictEqual(after.metadata.uid, before.metadata.uid, "the Secret was replaced, not updated");
        // A message of its own: the default one would print the password into the CI log.
        assert.ok(after.data[SECRETS.grafanaAdmin.passwordKey] !== before.data[SECRETS.grafanaAdmin.passwordKey], "the password did not change");
        const grafana = get(["deployment", "grafana", "-n", NAMESPACE]);
        assert.strictEqual(grafana.spec.template.metadata.annotations[ADMIN_PASSWORD_VERSION_ANNOTATION], "2");
        step(project(), "preview (no change after rotation)", ["preview", "--expect-no-changes", "--diff"]);
    });

    it("takes the opt-in extras and Alloy in one update, and a second preview shows no change", () => {
        project().configure({
            "pushgateway.enabled": true,
            "kubeBench.enabled": true,
            "backups.enabled": true,
            "backups.target.kind": "pvc",
            "backups.target.size": "20Gi",
            "logAgent.kind": "alloy",
        });
        step(project(), "up (extras)", ["up", "--yes", "--skip-preview"]);
        step(project(), "preview (no change with extras)", ["preview", "--expect-no-changes", "--diff"]);
        const cronJobs = items(["cronjobs", "-n", NAMESPACE]).map((c) => c.metadata.name as string);
        for (const name of [BACKUP_NAMES.prometheus, BACKUP_NAMES.grafana]) {
            assert.ok(cronJobs.includes(name), `no CronJob ${name} in ${cronJobs.join(", ")}`);
        }
        assert.ok(cronJobs.some((n) => n.startsWith(KUBE_BENCH_NAME)), `no kube-bench CronJob in ${cronJobs.join(", ")}`);
        const agent = get(["daemonset", RELEASES.logAgent, "-n", NAMESPACE]);
        const images = agent.spec.template.spec.containers.map((c: { image: string }) => c.image).join(" ");
        assert.match(images, /grafana\/alloy:/);
        assert.doesNotMatch(images, /promtail/);
        assert.ok(items(["deployments", "-n", NAMESPACE]).some((d) => /pushgateway/.test(d.metadata.name)), "no Pushgateway");
        assertWorkloadsReady(NAMESPACE);
    });

    it("switches on long-term metrics in one update: the objstore Secret, the sidecar, the thanos chart; a second preview shows no change", () => {
        const secretKey = switchOnLongTerm(project(), NAMESPACE);
        const compactors = items(["statefulsets", "-n", NAMESPACE, "-l", `app.kubernetes.io/instance=${RELEASES.thanos}`])
            .filter((s) => s.spec.template.spec.containers[0].args[0] === "compact");
        assert.deepStrictEqual(compactors.map((c) => [c.metadata.name, c.spec.replicas]), [["thanos-compact", 1]]);
        assert.ok(compactors[0].spec.template.spec.containers[0].args.includes("--retention.resolution-raw=30d"));
        get(["deployment", "thanos-query", "-n", NAMESPACE]);
        const prometheus = get(["prometheus", `${RELEASES.kubePrometheusStack}-prometheus`, "-n", NAMESPACE]);
        assert.deepStrictEqual(prometheus.spec.thanos.objectStorageConfig, { key: THANOS_OBJSTORE_SECRET.key, name: THANOS_OBJSTORE_SECRET.name });
        const objstore = secretData(get(["secret", THANOS_OBJSTORE_SECRET.name, "-n", NAMESPACE]))[THANOS_OBJSTORE_SECRET.key];
        assert.match(objstore, /bucket: thanos-metrics/);
        // The key is in the user's Secret and nowhere else: not in the objstore config, a
        // ConfigMap, another Secret or a workload.
        const elsewhere = [
            ...items(["configmaps,secrets", "-A"]).filter((o) => o.metadata.name !== OBJECT_STORE_SECRET).map((o) => [`${o.kind} ${o.metadata.name}`, JSON.stringify(o.data ?? {}) + decodedValues(o)]),
            ...items(["deployments,statefulsets,daemonsets,prometheuses.monitoring.coreos.com", "-A"]).map((o) => [`${o.kind} ${o.metadata.name}`, JSON.stringify(o.spec)]),
        ];
        assert.deepStrictEqual(elsewhere.filter(([, text]) => text.includes(secretKey)).map(([where]) => where), []);
        // The store's private CA, everywhere the keys go (the operator, not run in dev, merges the Prometheus object's).
        assert.deepStrictEqual(assertCaWhereKeys(NAMESPACE), [
            "Prometheus kps-prometheus/thanos-sidecar", "StatefulSet thanos-compact/thanos-compact", "StatefulSet thanos-store-gateway/thanos-store-gateway",
        ]);
        assertWorkloadsReady(NAMESPACE);
    });

    /** The single binary's claim (uid by name), which the switch to distributed mode must leave alone. */
    let monolithicClaims: string[] = [];
    /** Every push URL in the namespace's configs (the log agent's, the event exporter's) is `url`. */
    const assertPushUrls = (url: string) => {
        const found = items(["configmaps", "-n", NAMESPACE]).flatMap((c) => [...JSON.stringify(c.data ?? {}).matchAll(/https?:\/\/[^"\s\\]*\/loki\/api\/v1\/push/g)].map((m) => `${c.metadata.name}: ${m[0]}`));
        assert.ok(found.length >= 2, `push URLs: ${found.join(", ")}`);
        assert.deepStrictEqual(found.filter((u) => !u.endsWith(`: ${url}`)), []);
    };
    const lokiClaims = () => items(["persistentvolumeclaims", "-n", NAMESPACE]).filter((c) => /^storage-loki-\d+$/.test(c.metadata.name)).map((c) => `${c.metadata.name}=${c.metadata.uid}`).sort();

    it("switches Loki to distributed mode on the bucket: every component, the gateway for every client, a second preview shows no change", () => {
        monolithicClaims = lokiClaims();
        assert.strictEqual(monolithicClaims.length, 1, "the single binary has no claim");
        project().configure({ "objectStorage.buckets.logs": "loki-chunks", "loki.mode": "distributed" });
        step(project(), "up (distributed Loki)", ["up", "--yes", "--skip-preview"]);
        step(project(), "preview (no change with distributed Loki)", ["preview", "--expect-no-changes", "--diff"]);
        const components = items(["deployments,statefulsets", "-n", NAMESPACE, "-l", `app.kubernetes.io/instance=${RELEASES.loki}`])
            .map((w) => w.metadata.labels["app.kubernetes.io/component"] as string).sort();
        assert.deepStrictEqual(components, ["compactor", "distributor", "gateway", "index-gateway", "ingester", "querier", "query-frontend", "query-scheduler", "ruler"]);
        assertPushUrls(lokiPushUrl(NAMESPACE, "distributed"));
        assert.deepStrictEqual(assertCaWhereKeys(NAMESPACE), [
            "Deployment loki-querier/querier", "Prometheus kps-prometheus/thanos-sidecar", "StatefulSet loki-compactor/compactor", "StatefulSet loki-index-gateway/index-gateway",
            "StatefulSet loki-ingester/ingester", "StatefulSet loki-ruler/ruler", "StatefulSet thanos-compact/thanos-compact", "StatefulSet thanos-store-gateway/thanos-store-gateway",
        ]);
        assertWorkloadsReady(NAMESPACE);
    });

    it("switches both back in one update: the single binary on its kept claim, no Thanos, a second preview shows no change", () => {
        project().configure({ "loki.mode": "monolithic", "prometheus.longTerm.enabled": false });
        step(project(), "up (back to monolithic, no long-term)", ["up", "--yes", "--skip-preview"]);
        step(project(), "preview (no change after switching back)", ["preview", "--expect-no-changes", "--diff"]);
        const loki = items(["deployments,statefulsets", "-n", NAMESPACE, "-l", `app.kubernetes.io/instance=${RELEASES.loki}`]).map((w) => `${w.kind} ${w.metadata.name}`);
        assert.deepStrictEqual(loki, ["StatefulSet loki"]);
        // The StatefulSet's claim retention kept the claim through the distributed mode, so the
        // logs written before the switch are back (README: Migration from monolithic).
        assert.deepStrictEqual(lokiClaims(), monolithicClaims);
        assert.deepStrictEqual(items(["deployments,statefulsets,services", "-n", NAMESPACE, "-l", `app.kubernetes.io/instance=${RELEASES.thanos}`]).map((w) => w.metadata.name), []);
        assert.strictEqual(get(["prometheus", `${RELEASES.kubePrometheusStack}-prometheus`, "-n", NAMESPACE]).spec.thanos, undefined);
        assertPushUrls(lokiPushUrl(NAMESPACE, "monolithic"));
        assertWorkloadsReady(NAMESPACE);
    });

    it("destroys everything it created", () => {
        step(project(), "destroy", ["destroy", "--yes", "--skip-preview"]);
        const left = items(["all,configmaps,secrets,serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings,persistentvolumeclaims", "-A", "-l", PART_OF]);
        assert.deepStrictEqual(left.map((o) => `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`), []);
        const namespaces = kubectl(["get", "namespaces", "-o", "name"]).split("\n");
        assert.ok(!namespaces.includes(`namespace/${NAMESPACE}`) || get(["namespace", NAMESPACE]).status.phase === "Terminating");
    });
});
