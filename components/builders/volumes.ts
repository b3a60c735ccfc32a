/** PersistentVolumeClaim specs, one shape for every volume the stack asks for. */

/**
 * A ReadWriteOnce claim of `size`. An unset storage class leaves `storageClassName` out, which
 * means the cluster's default StorageClass (an empty string would mean "no class").
 */
export function claimSpec(size: string, storageClass: string | undefined): Record<string, unknown> {
    return {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: size } },
        ...(storageClass === undefined ? {} : { storageClassName: storageClass }),
    };
}
