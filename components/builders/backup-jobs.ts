/**
 * The backup CronJob specs: Prometheus (TSDB snapshot of replica 0) and Grafana (dashboards by
 * API, the SQLite database by the online-backup API).
 *
 * Both jobs run next to the pod whose volume they read (required pod affinity on the node):
 * the Prometheus and Grafana volumes are ReadWriteOnce, which allows more than one pod, but only
 * on one node. A pvc target is also mounted by both jobs, one after the other when they land on
 * different nodes (ReadWriteOnce) or at once on ReadWriteMany storage.
 */
import type { StackConfig } from "../schema";
import { SECRETS } from "./secret-refs";
import { durationSeconds } from "../units";
import { IMAGES } from "../versions";
import { BACKUP_ENV as E } from "./backup-scripts";
import { BACKUP_CLAIM, BACKUP_MOUNT, backupClaimName, targetEnv } from "./backup-target";
import { RELEASES } from "./endpoints";
import { imageString, mirroredImage, podPullSecrets } from "./images";
import { resourceValues } from "./resources";
import { cronJobSpec } from "./cron-jobs";

/** kube-prometheus-stack's Prometheus (fullnameOverride "kps"): its object names follow from it. */
const PROMETHEUS_NAME = `${RELEASES.kubePrometheusStack}-prometheus`;
/** Replica 0: every replica scrapes the same targets, so one snapshot is enough. */
export const PROMETHEUS_POD = `prometheus-${PROMETHEUS_NAME}-0`;
/** The operator's claim for replica 0: volume `prometheus-<name>-db` of StatefulSet `prometheus-<name>`. */
export const PROMETHEUS_CLAIM = `prometheus-${PROMETHEUS_NAME}-db-${PROMETHEUS_POD}`;
/** The operator mounts the claim's `prometheus-db` sub-directory as the data directory. */
const PROMETHEUS_SUBDIR = "prometheus-db";
/** uid/gid kube-prometheus-stack runs Prometheus with (prometheusSpec.securityContext). */
const PROMETHEUS_USER = { uid: 1000, gid: 2000 };
/** uid/gid of the grafana chart's pod (securityContext runAsUser/runAsGroup 472). */
const GRAFANA_USER = { uid: 472, gid: 472 };
/** The grafana chart's database path with persistence (/var/lib/grafana/grafana.db). */
const GRAFANA_DB_FILE = "grafana.db";

export const BACKUP_NAMES = { prometheus: "backup-prometheus", grafana: "backup-grafana", scripts: "backup-scripts", claim: BACKUP_CLAIM } as const;
export const SCRIPT_FILES = { prometheus: "prometheus.sh", grafanaExport: "grafana-export.py", grafanaUpload: "grafana-upload.sh" } as const;

const SCRIPTS = "/scripts";

const onNodeOf = (labels: Record<string, string>) => ({
    podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: "kubernetes.io/hostname" }],
    },
});

const restricted = (user: { uid: number; gid: number }) => ({
    runAsNonRoot: true,
    runAsUser: user.uid,
    runAsGroup: user.gid,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
});

/** Environment and mounts every rclone container gets. */
function rcloneContainer(config: StackConfig, name: string, script: string, extraEnv: Record<string, unknown>[], extraMounts: Record<string, unknown>[]): Record<string, unknown> {
    const b = config.backups;
    const { env, dest } = targetEnv(b.target!, b.prefix);
    return {
        name,
        image: imageString(mirroredImage(IMAGES.rclone, config.mirrors)),
        command: ["/bin/sh", `${SCRIPTS}/${script}`],
        env: [
            { name: E.dest, value: dest },
            { name: E.keep, value: String(b.retention.keep) },
            { name: E.maxAgeSeconds, value: String(durationSeconds(b.retention.maxAge)) },
            // The image's config home (/config) is not writable here.
            { name: "HOME", value: "/tmp" },
            { name: "XDG_CONFIG_HOME", value: "/tmp" },
            ...env,
            ...extraEnv,
        ],
        resources: resourceValues(b.resources),
        // Prometheus' uid in both jobs: it owns the snapshots it deletes, and a shared pvc
        // target then has one owner for every backup.
        securityContext: restricted(PROMETHEUS_USER),
        volumeMounts: [
            { name: "scripts", mountPath: SCRIPTS, readOnly: true },
            { name: "tmp", mountPath: "/tmp" },
            ...(b.target!.kind === "pvc" ? [{ name: "backup", mountPath: BACKUP_MOUNT }] : []),
            ...extraMounts,
        ],
    };
}

/** Volumes every backup pod has: scripts, /tmp and the pvc target. */
function commonVolumes(config: StackConfig): Record<string, unknown>[] {
    const claim = backupClaimName(config.backups.target!);
    return [
        { name: "scripts", configMap: { name: BACKUP_NAMES.scripts } },
        { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
        ...(claim === undefined ? [] : [{ name: "backup", persistentVolumeClaim: { claimName: claim } }]),
    ];
}

/** Pod-level settings both jobs share. */
function podBase(config: StackConfig): Record<string, unknown> {
    return {
        restartPolicy: "Never",
        automountServiceAccountToken: false,
        ...podPullSecrets(config.mirrors),
        // fsGroup makes a pvc target writable for both jobs (group 2000, setgid, umask 0002 in
        // the scripts). OnRootMismatch: Prometheus' own volume already has this group (the
        // chart's fsGroup 2000), so it is not walked on every run.
        securityContext: { fsGroup: PROMETHEUS_USER.gid, fsGroupChangePolicy: "OnRootMismatch", seccompProfile: { type: "RuntimeDefault" } },
    };
}

export function prometheusBackupPodSpec(config: StackConfig): Record<string, unknown> {
    const dataDir = `/prometheus-volume/${PROMETHEUS_SUBDIR}`;
    return {
        ...podBase(config),
        affinity: onNodeOf({ "statefulset.kubernetes.io/pod-name": PROMETHEUS_POD }),
        containers: [rcloneContainer(config, "backup", SCRIPT_FILES.prometheus, [
            // The pod's own address (governing Service prometheus-operated): the kps-prometheus
            // Service could send the snapshot request to another replica than the volume's.
            { name: E.prometheusUrl, value: `http://${PROMETHEUS_POD}.prometheus-operated.${config.namespace}.svc:9090` },
            { name: E.prometheusDataDir, value: dataDir },
        ], [{ name: "prometheus-volume", mountPath: "/prometheus-volume" }])],
        // Read-write: the script removes its snapshot from the volume after copying it.
        volumes: [...commonVolumes(config), { name: "prometheus-volume", persistentVolumeClaim: { claimName: PROMETHEUS_CLAIM } }],
    };
}

/** Grafana: export (python, as Grafana's user) into an emptyDir, then upload (rclone). */
export function grafanaBackupPodSpec(config: StackConfig): Record<string, unknown> {
    const persistent = config.grafana.persistence.enabled;
    const dataDir = "/grafana-volume";
    const fromAdmin = (key: string) => ({ secretKeyRef: { name: SECRETS.grafanaAdmin.name, key } });
    return {
        ...podBase(config),
        // Without persistence the database lives and dies with the pod: dashboards only.
        ...(persistent ? { affinity: onNodeOf({ "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": RELEASES.kubePrometheusStack }) } : {}),
        initContainers: [{
            name: "export",
            image: imageString(mirroredImage(IMAGES.python, config.mirrors)),
            command: ["python3", `${SCRIPTS}/${SCRIPT_FILES.grafanaExport}`],
            env: [
                { name: E.grafanaUrl, value: `http://${RELEASES.grafana}.${config.namespace}.svc:80` },
                { name: E.grafanaUser, valueFrom: fromAdmin(SECRETS.grafanaAdmin.userKey) },
                { name: E.grafanaPassword, valueFrom: fromAdmin(SECRETS.grafanaAdmin.passwordKey) },
                { name: E.staging, value: "/staging" },
                ...(persistent ? [{ name: E.grafanaDb, value: `${dataDir}/${GRAFANA_DB_FILE}` }] : []),
                { name: "PYTHONDONTWRITEBYTECODE", value: "1" },
            ],
            resources: resourceValues(config.backups.resources),
            // Grafana's own uid: the database file is the owner's to read (mode 0640).
            securityContext: restricted(GRAFANA_USER),
            volumeMounts: [
                { name: "scripts", mountPath: SCRIPTS, readOnly: true },
                { name: "staging", mountPath: "/staging" },
                ...(persistent ? [{ name: "grafana-volume", mountPath: dataDir, readOnly: true }] : []),
            ],
        }],
        containers: [rcloneContainer(config, "upload", SCRIPT_FILES.grafanaUpload, [{ name: E.staging, value: "/staging" }], [
            { name: "staging", mountPath: "/staging", readOnly: true },
        ])],
        volumes: [
            ...commonVolumes(config),
            { name: "staging", emptyDir: { sizeLimit: "1Gi" } },
            // readOnly on the volume source, not only the mount: the kubelet then leaves the
            // volume's ownership alone (no fsGroup change on Grafana's files).
            ...(persistent ? [{ name: "grafana-volume", persistentVolumeClaim: { claimName: RELEASES.grafana, readOnly: true } }] : []),
        ],
    };
}

/** A CronJob spec around a pod spec: no overlap, short history, bounded run time. */
export function backupCronJobSpec(config: StackConfig, component: string, podSpec: Record<string, unknown>): Record<string, unknown> {
    return cronJobSpec({
        schedule: config.backups.schedule,
        backoffLimit: 2,
        activeDeadlineSeconds: 4 * 3600,
        podLabels: { "app.kubernetes.io/name": "backup", "app.kubernetes.io/component": component },
        podSpec,
    });
}
