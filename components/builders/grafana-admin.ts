/**
 * Real rotation of the Grafana admin password. Grafana reads GF_SECURITY_ADMIN_PASSWORD (the
 * chart's admin.existingSecret) only when it creates its database; afterwards the hash in the
 * database wins and a changed Secret is silently ignored. This init container runs
 * `grafana cli admin reset-admin-password` against the persisted database on every pod start,
 * so the database always matches the Secret. The pod restarts on rotation because
 * `grafana.adminPasswordVersion` is also a pod annotation (see grafana-values.ts).
 */
import type { StackConfig } from "../schema";
import { SECRETS } from "./secret-refs";
import { IMAGES } from "../versions";
import { imageString, mirroredImage } from "./images";

/** The Grafana image tag for the chart and the init container alike. */
export const GRAFANA_IMAGE_TAG = IMAGES.grafana.tag;

/** Name of the init container (visible in `kubectl logs -c`). */
export const ADMIN_RESET_CONTAINER = "reset-admin-password";

/** Paths as laid out by the grafana chart: the `storage` volume and the `config` ConfigMap. */
const DATA_DIR = "/var/lib/grafana";
const CONFIG_FILE = "/etc/grafana/grafana.ini";

/**
 * A fresh volume has no database: Grafana then creates the admin from the Secret by itself,
 * and there is nothing to reset. On an existing database a failed reset fails the pod, so a
 * rotation never silently leaves the old password in place.
 */
export const ADMIN_RESET_SCRIPT = [
    "set -eu",
    `if [ ! -f ${DATA_DIR}/grafana.db ]; then`,
    "  echo 'no Grafana database yet: Grafana creates the admin user from the Secret'",
    "  exit 0",
    "fi",
    `printf '%s' "$GF_SECURITY_ADMIN_PASSWORD" | grafana cli --homepath /usr/share/grafana --config ${CONFIG_FILE} admin reset-admin-password --password-from-stdin`,
].join("\n");

const fromAdminSecret = (key: string) => ({ secretKeyRef: { name: SECRETS.grafanaAdmin.name, key } });

export function adminPasswordResetInitContainer(config: StackConfig): Record<string, unknown> {
    return {
        name: ADMIN_RESET_CONTAINER,
        image: imageString(mirroredImage(IMAGES.grafana, config.mirrors)),
        imagePullPolicy: "IfNotPresent",
        command: ["/bin/sh", "-c", ADMIN_RESET_SCRIPT],
        env: [
            { name: "GF_SECURITY_ADMIN_USER", valueFrom: fromAdminSecret(SECRETS.grafanaAdmin.userKey) },
            { name: "GF_SECURITY_ADMIN_PASSWORD", valueFrom: fromAdminSecret(SECRETS.grafanaAdmin.passwordKey) },
            { name: "GF_PATHS_DATA", value: DATA_DIR },
        ],
        volumeMounts: [
            { name: "config", mountPath: CONFIG_FILE, subPath: "grafana.ini" },
            { name: "storage", mountPath: DATA_DIR },
        ],
        securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
        resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    };
}
