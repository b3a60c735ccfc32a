/**
 * The scripts the backup CronJobs run. POSIX sh for the rclone image (busybox: sh, wget, sed,
 * awk, date) and Python for the Grafana export (its sqlite3 module's online-backup API gives a
 * consistent copy of a live database; a file copy can catch a half-written page).
 *
 * Layout at the target: <prefix>/prometheus/<snapshot name>/ and <prefix>/grafana/<UTC stamp>/,
 * each directory named by its UTC start time (YYYYMMDDTHHMMSSZ...), so names sort by age, and
 * finished by a COMPLETE file written last.
 */

/** Environment the scripts read; the jobs set each. */
export const BACKUP_ENV = {
    dest: "BACKUP_DEST",
    keep: "BACKUP_KEEP",
    maxAgeSeconds: "BACKUP_MAX_AGE_SECONDS",
    prometheusUrl: "PROMETHEUS_URL",
    prometheusDataDir: "PROMETHEUS_DATA_DIR",
    grafanaUrl: "GRAFANA_URL",
    grafanaUser: "GRAFANA_USER",
    grafanaPassword: "GRAFANA_PASSWORD",
    grafanaDb: "GRAFANA_DB",
    staging: "STAGING_DIR",
} as const;

/** Marker written after everything else: a backup without it is incomplete. */
export const COMPLETE_MARKER = "COMPLETE";

const E = BACKUP_ENV;

/**
 * Which backup directories to delete, as an awk program over names sorted newest first: all
 * beyond the newest `keep`, and all older than `cutoff` (a UTC stamp), never the newest one.
 * Names that do not start with a stamp are left alone.
 */
export const RETENTION_AWK = `/^${"[0-9]".repeat(8)}T${"[0-9]".repeat(6)}Z/ { n++; if (n > 1 && (n > keep || substr($0, 1, 16) < cutoff)) print }`;

/** sh function `prune DIR`: applies the retention to the backup directories under DIR. */
const PRUNE = String.raw`
prune() {
    cutoff=$(date -u -d "@$(( $(date -u +%s) - $${E.maxAgeSeconds} ))" +%Y%m%dT%H%M%SZ)
    rclone lsf --dirs-only "$1" | sed 's#/$##' | sort -r \
        | awk -v keep="$${E.keep}" -v cutoff="$cutoff" '${RETENTION_AWK}' > /tmp/expired
    while read -r old; do
        echo "retention: deleting $1/$old"
        rclone purge "$1/$old"
    done < /tmp/expired
}
`;

const HEADER = String.raw`set -eu
# Group-writable files, so the Prometheus and Grafana jobs can share a backup volume.
umask 0002
`;

/**
 * Prometheus: TSDB snapshot through the admin API of replica 0 (POST
 * /api/v1/admin/tsdb/snapshot answers {"status":"success","data":{"name":"<stamp>-<hex>"}}),
 * copied from the volume it lands on (<data>/snapshots/<name>, hard links to the blocks), then
 * removed from it whatever happens: a kept snapshot pins deleted blocks' disk space.
 */
export function prometheusBackupScript(): string {
    return HEADER + PRUNE + String.raw`
# Snapshots a killed run left behind (the EXIT trap never ran); older than a day, so never one
# in progress. Note: this also removes snapshots taken by hand.
if [ -d "$${E.prometheusDataDir}/snapshots" ]; then
    find "$${E.prometheusDataDir}/snapshots" -mindepth 1 -maxdepth 1 -type d -mmin +1440 -exec rm -rf {} +
fi
answer=$(wget -q -O - --post-data='' "$${E.prometheusUrl}/api/v1/admin/tsdb/snapshot")
name=$(printf '%s' "$answer" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
if [ -z "$name" ]; then
    echo "snapshot failed: $answer" >&2
    exit 1
fi
snapshot="$${E.prometheusDataDir}/snapshots/$name"
trap 'rm -rf "$snapshot"' EXIT
echo "copying snapshot $name"
rclone copy "$snapshot" "$${E.dest}/prometheus/$name"
date -u +%Y-%m-%dT%H:%M:%SZ | rclone rcat "$${E.dest}/prometheus/$name/${COMPLETE_MARKER}"
prune "$${E.dest}/prometheus"
echo "prometheus backup $name done"
`;
}

/** Grafana, second step: upload the exported files and apply the retention. */
export function grafanaUploadScript(): string {
    return HEADER + PRUNE + String.raw`
stamp=$(date -u +%Y%m%dT%H%M%SZ)
rclone copy "$${E.staging}" "$${E.dest}/grafana/$stamp"
date -u +%Y-%m-%dT%H:%M:%SZ | rclone rcat "$${E.dest}/grafana/$stamp/${COMPLETE_MARKER}"
prune "$${E.dest}/grafana"
echo "grafana backup $stamp done"
`;
}
