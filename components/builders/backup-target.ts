/**
 * Where backups go: an rclone remote named "target", configured entirely by environment
 * (RCLONE_CONFIG_TARGET_*, rclone's documented env config), so no config file holds a key.
 * pvc: the local backend on a mounted claim; s3: any S3 API (MinIO, Ceph RGW, AWS) with the
 * key pair read from a Secret by secretKeyRef.
 */
import type { BackupTarget } from "../schema/extras";

/** Where a pvc target is mounted in the backup pods. */
export const BACKUP_MOUNT = "/backup";
/** Name of the claim the program creates for a pvc target with a size. */
export const BACKUP_CLAIM = "observability-backups";
const REMOTE = "target";

/** The rclone remote settings (RCLONE_CONFIG_<REMOTE>_<OPTION>) and the destination path. */
export function targetEnv(target: BackupTarget, prefix: string): { env: Record<string, unknown>[]; dest: string } {
    const v = (name: string, value: string) => ({ name: `RCLONE_CONFIG_${REMOTE.toUpperCase()}_${name}`, value });
    if (target.kind === "pvc") {
        return { env: [v("TYPE", "local")], dest: `${REMOTE}:${BACKUP_MOUNT}/${prefix}` };
    }
    const key = (name: string, secretKey: string) => ({
        name: `RCLONE_CONFIG_${REMOTE.toUpperCase()}_${name}`,
        valueFrom: { secretKeyRef: { name: target.secretName, key: secretKey } },
    });
    return {
        env: [
            v("TYPE", "s3"),
            v("PROVIDER", "Other"),
            v("ENDPOINT", target.endpoint),
            v("ENV_AUTH", "false"),
            ...(target.region === undefined ? [] : [v("REGION", target.region)]),
            key("ACCESS_KEY_ID", target.accessKeyIdKey),
            key("SECRET_ACCESS_KEY", target.secretAccessKeyKey),
        ],
        dest: `${REMOTE}:${target.bucket}/${prefix}`,
    };
}

/** Name of the claim a pvc target writes to. */
export function backupClaimName(target: BackupTarget): string | undefined {
    return target.kind === "pvc" ? (target.claimName ?? BACKUP_CLAIM) : undefined;
}

