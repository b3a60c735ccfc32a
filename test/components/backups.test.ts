import * as assert from "assert";
import type { ConfigTree } from "../../components/presets";
import { PROMETHEUS_CLAIM, PROMETHEUS_POD } from "../../components/builders/backup-jobs";
import { prometheusAdminApiEnabled } from "../../components/schema/extras";
import { SECRETS } from "../../components/secrets";
import { stackConfig } from "../helpers/config";
import { ProgramRun, rejectedProblem, runProgram } from "../helpers/program";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CRONJOB = "kubernetes:batch/v1:CronJob";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const S3 = { kind: "s3", endpoint: "https://minio.example.com:9000", bucket: "observability-backups", secretName: "backup-s3", accessKeyIdKey: "access-key-id", secretAccessKeyKey: "secret-access-key" };
const PVC_TARGET = { kind: "pvc", size: "50Gi" };
const backupJobs = (run: ProgramRun) => run.mocks.ofType(CRONJOB).filter((j) => j.inputs.metadata.name.startsWith("backup-"));
const pod = (run: ProgramRun, name: string): any => backupJobs(run).find((j) => j.inputs.metadata.name === name)!.inputs.spec.jobTemplate.spec.template.spec;
const envOf = (container: any) => Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

for (const stack of ["dev", "prod"] as const) {
    describe(`backups in the ${stack} stack`, () => {
        it("are off unless the stack turns them on, and so is Prometheus' admin API", async () => {
            const run = await runProgram(stack);
            assert.deepStrictEqual(backupJobs(run), []);
            assert.strictEqual(prometheusAdminApiEnabled(stackConfig(stack)), false);
        });

        describe("to an S3 bucket", () => {
            let run: ProgramRun;
            before(async () => {
                run = await runProgram(stack, { backups: { enabled: true, target: S3 } });
            });

            it("schedules a Prometheus and a Grafana backup", () => {
                assert.deepStrictEqual(backupJobs(run).map((j) => j.inputs.metadata.name).sort(), ["backup-grafana", "backup-prometheus"]);
                assert.ok(backupJobs(run).every((j) => j.inputs.spec.schedule === "41 1 * * *" && j.inputs.spec.concurrencyPolicy === "Forbid"));
            });

            it("reads the access keys from the named Secret, never from config", () => {
                const env = envOf(pod(run, "backup-prometheus").containers[0]);
                assert.deepStrictEqual(env.RCLONE_CONFIG_TARGET_ACCESS_KEY_ID, { secretKeyRef: { name: "backup-s3", key: "access-key-id" } });
                assert.deepStrictEqual(env.RCLONE_CONFIG_TARGET_SECRET_ACCESS_KEY, { secretKeyRef: { name: "backup-s3", key: "secret-access-key" } });
                assert.strictEqual(env.BACKUP_DEST, "target:observability-backups/observability");
            });

            it("snapshots replica 0 through its own address, next to its volume", () => {
                const p = pod(run, "backup-prometheus");
                assert.strictEqual(envOf(p.containers[0]).PROMETHEUS_URL, `http://${PROMETHEUS_POD}.prometheus-operated.monitoring.svc:9090`);
                assert.deepStrictEqual(p.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels, { "statefulset.kubernetes.io/pod-name": PROMETHEUS_POD });
                assert.ok(p.volumes.some((v: any) => v.persistentVolumeClaim?.claimName === PROMETHEUS_CLAIM));
            });

            it("turns on Prometheus' admin API through prometheusAdminApiEnabled", () => {
                assert.strictEqual(prometheusAdminApiEnabled(stackConfig(stack, { backups: { enabled: true, target: S3 } })), true);
                assert.strictEqual(prometheusAdminApiEnabled(stackConfig(stack, { backups: { enabled: true, target: S3, prometheus: false } })), false);
            });

            it("logs in to Grafana with the admin Secret and copies its database read-only", () => {
                const p = pod(run, "backup-grafana");
                const env = envOf(p.initContainers[0]);
                assert.deepStrictEqual(env.GRAFANA_PASSWORD, { secretKeyRef: { name: SECRETS.grafanaAdmin.name, key: SECRETS.grafanaAdmin.passwordKey } });
                assert.strictEqual(env.GRAFANA_DB, "/grafana-volume/grafana.db");
                assert.deepStrictEqual(p.volumes.find((v: any) => v.name === "grafana-volume").persistentVolumeClaim, { claimName: "grafana", readOnly: true });
            });

            it("runs every container as non-root without capabilities", () => {
                for (const name of ["backup-prometheus", "backup-grafana"]) {
                    const p = pod(run, name);
                    for (const c of [...(p.initContainers ?? []), ...p.containers]) {
                        assert.strictEqual(c.securityContext.runAsNonRoot, true, `${name}/${c.name}`);
                        assert.deepStrictEqual(c.securityContext.capabilities, { drop: ["ALL"] });
                    }
                }
            });
        });
    });
}

describe("backups to a PVC", () => {
    it("creates the claim on the stack's storage class", async () => {
        const run = await runProgram("prod", { backups: { enabled: true, target: PVC_TARGET } });
        const claim = run.mocks.get(PVC, "backups-claim");
        assert.deepStrictEqual(claim.inputs.spec.resources.requests, { storage: "50Gi" });
        assert.strictEqual(claim.inputs.spec.storageClassName, "fast-ssd");
        assert.ok(pod(run, "backup-grafana").volumes.some((v: any) => v.persistentVolumeClaim?.claimName === claim.inputs.metadata.name));
    });

    it("writes to an existing claim without creating one", async () => {
        const run = await runProgram("dev", { backups: { enabled: true, target: { kind: "pvc", claimName: "nfs-backups" }, grafana: false } });
        assert.deepStrictEqual(run.mocks.ofType(PVC).filter((c) => c.name === "backups-claim"), []);
        assert.deepStrictEqual(backupJobs(run).map((j) => j.inputs.metadata.name), ["backup-prometheus"]);
        assert.ok(pod(run, "backup-prometheus").volumes.some((v: any) => v.persistentVolumeClaim?.claimName === "nfs-backups"));
        assert.strictEqual(envOf(pod(run, "backup-prometheus").containers[0]).BACKUP_DEST, "target:/backup/observability");
    });

    it("keeps N backups and a maximum age as configured", async () => {
        const run = await runProgram("dev", { backups: { enabled: true, target: PVC_TARGET, retention: { keep: 3, maxAge: "14d" } } });
        const env = envOf(pod(run, "backup-prometheus").containers[0]);
        assert.deepStrictEqual([env.BACKUP_KEEP, env.BACKUP_MAX_AGE_SECONDS], ["3", String(14 * 86400)]);
    });

    it("backs up Grafana's dashboards only when its database is not persistent", async () => {
        const run = await runProgram("dev", { grafana: { persistence: { enabled: false } }, backups: { enabled: true, target: PVC_TARGET } });
        const p = pod(run, "backup-grafana");
        assert.strictEqual(envOf(p.initContainers[0]).GRAFANA_DB, undefined);
        assert.strictEqual(p.affinity, undefined);
    });
});

describe("backups config", () => {
    const invalid: [string, ConfigTree, string, RegExp][] = [
        ["without a target", { backups: { enabled: true } }, "observability:backups.target", /kind: pvc/],
        ["with a bad schedule", { backups: { enabled: true, target: S3, schedule: "daily" } }, "observability:backups.schedule", /cron schedule of 5 fields/],
        ["with a minute of 60", { backups: { enabled: true, target: S3, schedule: "60 1 * * *" } }, "observability:backups.schedule", /minute field "60"/],
        ["with a step of zero", { backups: { enabled: true, target: S3, schedule: "*/0 * * * *" } }, "observability:backups.schedule", /minute field/],
        ["keeping no backup", { backups: { enabled: true, target: S3, retention: { keep: 0, maxAge: "30d" } } }, "observability:backups.retention.keep", /at least 1/],
        ["with a max age in words", { backups: { enabled: true, target: S3, retention: { keep: 7, maxAge: "a month" } } }, "observability:backups.retention.maxAge", /Prometheus duration/],
        ["with both a claim and a size", { backups: { enabled: true, target: { kind: "pvc", claimName: "x", size: "1Gi" } } }, "observability:backups.target.claimName", /exactly one of claimName/],
        ["with an unknown target kind", { backups: { enabled: true, target: { kind: "nfs" } } }, "observability:backups.target.kind", /pvc or s3/],
        ["with an S3 endpoint without scheme", { backups: { enabled: true, target: { ...S3, endpoint: "minio:9000" } } }, "observability:backups.target.endpoint", /http/],
    ];
    for (const [why, overrides, key, expects] of invalid) {
        it(`rejects backups ${why}, naming ${key}`, async () => {
            const { problem } = await rejectedProblem("dev", overrides, key);
            assert.match(problem, expects);
        });
    }
});
