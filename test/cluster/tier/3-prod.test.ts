/**
 * prod, as a user runs it (lifecycle.ts: preview, up, a no-change preview, live checks), the
 * policy pack inside the engine as pull requests run it, long-term metrics switched on, the real
 * Prometheus Operator reconciling the stack with its Thanos sidecar (operator-checks.ts), and the protection the README documents: destroy
 * stops at the protected namespace and volumes.
 */
import * as assert from "assert";
import { get, items } from "./kubectl";
import { RELEASES } from "../../../components/builders/endpoints";
import { assertWorkloadsReady, configureRemoteWrite, LONG_TERM_OVERRIDES, recordStep, REMOTE_WRITE_OVERRIDES, switchOnLongTerm, upAndCheck } from "./lifecycle";
import { deepMerge } from "../../../components/config";
import { operatorReconciles } from "./operator-checks";
import { mandatoryViolations, skipped } from "./policy";
import { ok, Project, tail } from "./pulumi";
import { stackConfig } from "../../helpers/config";

const NAMESPACE = "monitoring";

describe("the policy pack in the engine, on a pull request's preview of a new prod stack", () => {
    let project: Project;

    before(() => {
        // A stack of its own that is only ever previewed, so every generated password is unknown.
        project = Project.derived("prod-pull-request", "prod");
        ok(project.pulumi(["stack", "init"]), "stack init");
        project.configure({ "mirrors.charts.kind": "local", "mirrors.charts.path": process.env.CHART_MIRROR ?? "" });
    });

    it("passes every mandatory policy and skips none while values are unknown", () => {
        const r = recordStep("prod", "preview with the policy pack (new stack)", project.previewWithPolicies("prod"));
        assert.strictEqual(r.status, 0, tail(r.stdout + r.stderr));
        // CLI v3.68 lists a local pack by its folder: "Policy Packs run: ... (policies) (local)".
        assert.match(r.stdout, /Policy Packs run:[\s\S]*\(policies\)/, "the pack did not run");
        assert.deepStrictEqual(skipped(r), []);
    });

    it("fails the preview on a mandatory violation and names the policy", () => {
        // Above the pack's 90d ceiling: a retention below its 15d floor would be refused by
        // config validation first, since prod's SLO windows (30d) must fit in the retention.
        project.configure({ "prometheus.retention": "120d" });
        const r = project.previewWithPolicies("prod");
        assert.notStrictEqual(r.status, 0, "a 120-day prod retention passed the pack");
        assert.ok(mandatoryViolations(r).includes("prometheus-retention"), tail(r.stdout + r.stderr));
    });
});

describe("prod under the real engine and a real API server", () => {
    const project = upAndCheck("prod");

    it("publishes Grafana through an Ingress whose certificate cert-manager issues from the named issuer", () => {
        const ingress = get(["ingress", "grafana", "-n", NAMESPACE]);
        assert.strictEqual(ingress.metadata.annotations["cert-manager.io/cluster-issuer"], "internal-ca");
        assert.deepStrictEqual(ingress.spec.tls, [{ hosts: ["grafana.prod.example.com"], secretName: "grafana-tls" }]);
        assert.strictEqual(ingress.spec.ingressClassName, "nginx");
    });

    it("has cert-manager issue the operator's webhook certificate instead of Helm hook Jobs", () => {
        const webhook = get(["validatingwebhookconfiguration", `${RELEASES.kubePrometheusStack}-admission`]);
        const secrets = items(["certificates.cert-manager.io", "-n", NAMESPACE]).map((c) => c.spec.secretName as string);
        assert.ok(secrets.includes(`${RELEASES.kubePrometheusStack}-admission`), `no webhook Certificate: ${secrets.join(", ")}`);
        assert.ok(webhook.metadata.annotations["cert-manager.io/inject-ca-from"], "the webhook does not take its CA from cert-manager");
        assert.deepStrictEqual(items(["jobs", "-n", NAMESPACE]).map((j) => j.metadata.name), []);
    });

    // Before the policy preview and the operator: both then see the sidecar, the thanos chart and its objects.
    it("switches on long-term metrics and a remote write target in one update, and a second preview shows no change", () => {
        configureRemoteWrite(project(), NAMESPACE);
        switchOnLongTerm(project(), NAMESPACE);
        assertWorkloadsReady(NAMESPACE);
    });

    it("passes the policy pack in a preview after `up`", () => {
        const r = project().previewWithPolicies("prod");
        assert.strictEqual(r.status, 0, tail(r.stdout + r.stderr));
        assert.deepStrictEqual(skipped(r), []);
    });

    // Before the destroy below: the operator checks need the stack as `up` left it.
    operatorReconciles(NAMESPACE, stackConfig("prod", deepMerge(LONG_TERM_OVERRIDES, REMOTE_WRITE_OVERRIDES)));

    it("stops a destroy at the protected namespace and volume claims, so the data survives", () => {
        const uid = get(["namespace", NAMESPACE]).metadata.uid;
        const claims = items(["persistentvolumeclaims", "-n", NAMESPACE]).map((c) => `${c.metadata.name}=${c.metadata.uid}`).sort();
        assert.ok(claims.length > 0, "no volume claims");
        const r = project().pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.notStrictEqual(r.status, 0, "destroy of prod succeeded");
        assert.match(r.stdout + r.stderr, /protected/);
        assert.strictEqual(get(["namespace", NAMESPACE]).metadata.uid, uid);
        assert.deepStrictEqual(items(["persistentvolumeclaims", "-n", NAMESPACE]).map((c) => `${c.metadata.name}=${c.metadata.uid}`).sort(), claims);
    });
});
