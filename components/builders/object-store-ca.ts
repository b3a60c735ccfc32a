/**
 * The object store's private CA (`objectStorage.caBundle`) in every pod that opens the bucket:
 * one volume from the site's ConfigMap, one read-only mount at a fixed path, and that path as
 * the file Thanos' and Loki's S3 clients trust. Each workload builder adds these three and
 * nothing else, so the path the config files name is the path the pods mount.
 */
import type { ObjectStorageConfig } from "../schema";

/** Where the bundle is mounted in every container that talks to the store. */
export const OBJECT_STORE_CA_DIR = "/etc/observability/object-store-ca";
/** The bundle's file name in that directory, whatever the ConfigMap's key is called. */
export const OBJECT_STORE_CA_FILE = "ca.crt";
/** The pod volume that carries the bundle (one name in the sidecar, Thanos' and Loki's pods). */
export const OBJECT_STORE_CA_VOLUME = "object-store-ca";

/** The file the S3 clients read the CA from, or undefined when the store needs no private CA. */
export function objectStoreCaFile(store: ObjectStorageConfig): string | undefined {
    return store.caBundle === undefined ? undefined : `${OBJECT_STORE_CA_DIR}/${OBJECT_STORE_CA_FILE}`;
}

/**
 * The pod volume: the ConfigMap's key as OBJECT_STORE_CA_FILE. Not optional: a pod whose CA is
 * missing waits in ContainerCreating with an event naming the ConfigMap, which says more than a
 * TLS error would.
 */
export function objectStoreCaVolumes(store: ObjectStorageConfig): Record<string, unknown>[] {
    const ca = store.caBundle;
    if (ca === undefined) {
        return [];
    }
    return [{ name: OBJECT_STORE_CA_VOLUME, configMap: { name: ca.name, items: [{ key: ca.key, path: OBJECT_STORE_CA_FILE }] } }];
}

/**
 * The container mount: the whole directory rather than a subPath, because the kubelet refreshes
 * a ConfigMap volume when the ConfigMap changes but never a subPath mount
 * (https://kubernetes.io/docs/concepts/configuration/configmap/#mounted-configmaps-are-updated-automatically),
 * so a renewed bundle is on disk when a component next starts, without redeploying it.
 */
export function objectStoreCaMounts(store: ObjectStorageConfig): Record<string, unknown>[] {
    return store.caBundle === undefined ? [] : [{ name: OBJECT_STORE_CA_VOLUME, mountPath: OBJECT_STORE_CA_DIR, readOnly: true }];
}

/**
 * `extraVolumes`/`extraVolumeMounts` of a chart component, the keys both the thanos chart
 * (compact, storeGateway) and the loki chart (each component) take, with `volumes`/`mounts`
 * the component has anyway; the CA only for a component that opens the `store` (undefined for
 * one that does not); empty when there is neither.
 */
export function objectStoreCaExtraValues(store: ObjectStorageConfig | undefined, volumes: Record<string, unknown>[] = [], mounts: Record<string, unknown>[] = []): Record<string, unknown> {
    const extraVolumes = [...volumes, ...(store === undefined ? [] : objectStoreCaVolumes(store))];
    const extraVolumeMounts = [...mounts, ...(store === undefined ? [] : objectStoreCaMounts(store))];
    return {
        ...(extraVolumes.length === 0 ? {} : { extraVolumes }),
        ...(extraVolumeMounts.length === 0 ? {} : { extraVolumeMounts }),
    };
}
