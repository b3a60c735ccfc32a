/**
 * Backups: scheduled Prometheus TSDB snapshots and Grafana exports copied to a PVC or an S3
 * bucket, with retention. Restore steps are in the README (and builders/backup-scripts.ts
 * describes the layout at the target).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { claimSpec } from "./builders/volumes";
import { grafanaExportScript } from "./builders/backup-grafana-export";
import { BACKUP_NAMES, backupCronJobSpec, grafanaBackupPodSpec, prometheusBackupPodSpec, SCRIPT_FILES } from "./builders/backup-jobs";
import { backupClaimName } from "./builders/backup-target";
import { grafanaUploadScript, prometheusBackupScript } from "./builders/backup-scripts";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";

export interface BackupsArgs {
    /** The validated stack config (backups section with a target, grafana persistence, mirrors). */
    config: StackConfig;
    /** Namespace the jobs run in (the stack's namespace output, for ordering). */
    namespace: pulumi.Input<string>;
    /** What the jobs read from: the kube-prometheus-stack chart (Prometheus, Grafana, their volumes). */
    dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class Backups extends pulumi.ComponentResource {
    /** Names of the backup CronJobs. */
    public readonly cronJobNames: pulumi.Output<string[]>;
    /** The claim backups are written to, for a pvc target. */
    public readonly claimName: pulumi.Output<string | undefined>;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:Backups", name, {}, opts);
        const { config, namespace } = args;
        const b = config.backups;
        const target = b.target!;
        const labels = standardLabels("backup", name, "backup");
        const metadata = (objectName: string) => ({ name: objectName, namespace, labels });

        const scripts = new k8s.core.v1.ConfigMap(`${name}-scripts`, {
            metadata: metadata(BACKUP_NAMES.scripts),
            data: {
                [SCRIPT_FILES.prometheus]: prometheusBackupScript(),
                [SCRIPT_FILES.grafanaExport]: grafanaExportScript(),
                [SCRIPT_FILES.grafanaUpload]: grafanaUploadScript(),
            },
        }, { parent: this });
        const claim = target.kind === "pvc" && target.size !== undefined
            ? new k8s.core.v1.PersistentVolumeClaim(`${name}-claim`, {
                // Bound only when a backup pod first uses it (WaitForFirstConsumer): no await.
                metadata: { ...metadata(BACKUP_NAMES.claim), annotations: { "pulumi.com/skipAwait": "true" } },
                spec: claimSpec(target.size, target.storageClass ?? config.storage.className),
            }, { parent: this, protect: config.protection.protectStatefulResources, retainOnDelete: config.protection.protectStatefulResources })
            : undefined;

        const dependsOn = [...args.dependsOn, scripts, ...(claim === undefined ? [] : [claim])];
        const jobs = [
            ...(b.prometheus ? [{ id: "prometheus", name: BACKUP_NAMES.prometheus, pod: prometheusBackupPodSpec(config) }] : []),
            ...(b.grafana ? [{ id: "grafana", name: BACKUP_NAMES.grafana, pod: grafanaBackupPodSpec(config) }] : []),
        ].map((j) => new k8s.batch.v1.CronJob(`${name}-${j.id}`, {
            metadata: metadata(j.name),
            // Plain data from a builder; the Kubernetes API validates the shape.
            spec: backupCronJobSpec(config, j.id, j.pod) as unknown as k8s.types.input.batch.v1.CronJobSpec,
        }, { parent: this, dependsOn }));

        this.cronJobNames = pulumi.all(jobs.map((j) => j.metadata.name));
        this.claimName = pulumi.output(backupClaimName(target));
        this.registerOutputs({ cronJobNames: this.cronJobNames, claimName: this.claimName });
    }
}
