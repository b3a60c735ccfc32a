import * as assert from "assert";
import { belongsTo, operatorDataVolume, podLabelsOf, TYPES } from "../../../policies/lib/k8s";
import { backupCronJob, grafanaDeployment } from "../../fixtures/policies/objects";

describe("policy Kubernetes readers", () => {
    it("reads pod labels of a CronJob from spec.jobTemplate.spec.template", () => {
        assert.strictEqual(podLabelsOf(TYPES.cronJob, backupCronJob().props)["app.kubernetes.io/name"], "backup");
        assert.strictEqual(podLabelsOf(TYPES.deployment, grafanaDeployment().props)["app.kubernetes.io/name"], "grafana");
    });

    it("picks the operator's data volume by its precedence: emptyDir, then ephemeral, then the claim template", () => {
        const claim = { volumeClaimTemplate: { spec: { resources: { requests: { storage: "1Gi" } } } } };
        const ephemeral = { ephemeral: { volumeClaimTemplate: { spec: {} } } };
        assert.strictEqual(operatorDataVolume({ spec: {} }).kind, "emptyDir");
        assert.strictEqual(operatorDataVolume({ spec: { storage: claim } }).kind, "claim");
        assert.strictEqual(operatorDataVolume({ spec: { storage: { ...claim, ...ephemeral } } }).kind, "ephemeral");
        assert.strictEqual(operatorDataVolume({ spec: { storage: { ...claim, ...ephemeral, emptyDir: {} } } }).kind, "emptyDir");
    });

    it("tells the app a ConfigMap or Secret belongs to by its name label, else its app label, else its name", () => {
        const meta = (metadata: Record<string, unknown>) => ({ metadata });
        assert.ok(belongsTo(meta({ name: "loki", labels: { "app.kubernetes.io/name": "loki" } }), "loki"));
        assert.ok(belongsTo(meta({ name: "alertmanager-kps-alertmanager", labels: { app: "kube-prometheus-stack-alertmanager" } }), "alertmanager"));
        assert.ok(belongsTo(meta({ name: "alertmanager-kps-alertmanager" }), "alertmanager"));
        // The program's receivers Secret is named like the operator's config Secret, but its label says whose it is.
        assert.ok(!belongsTo(meta({ name: "alertmanager-receivers", labels: { "app.kubernetes.io/name": "credentials" } }), "alertmanager"));
        assert.ok(!belongsTo(meta({ name: "grafana-admin-credentials" }), "loki"));
    });
});
