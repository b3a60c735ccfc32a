/** Image references with the air-gap registry mirror applied. */
import type { StackConfig } from "../schema";
import type { ImageRef } from "../versions";

/** The image with its registry swapped for `mirrors.imageRegistry` when set. */
export function mirroredImage(image: ImageRef, mirrors: StackConfig["mirrors"]): ImageRef {
    return { ...image, registry: mirrors.imageRegistry ?? image.registry };
}

/** `registry/repository:tag`, the form a plain Kubernetes container spec takes. */
export function imageString(image: ImageRef): string {
    return `${image.registry}/${image.repository}:${image.tag}`;
}

/** Pod-spec imagePullSecrets for the configured Secret names. */
export function pullSecrets(mirrors: StackConfig["mirrors"]): { name: string }[] {
    return mirrors.imagePullSecrets.map((name) => ({ name }));
}

/**
 * The `imagePullSecrets` field of a pod spec the program writes itself, or no field when there
 * are none: the API server stores an empty list as no field, and a sent one diffs on every preview.
 */
export function podPullSecrets(mirrors: StackConfig["mirrors"]): { imagePullSecrets?: { name: string }[] } {
    return mirrors.imagePullSecrets.length > 0 ? { imagePullSecrets: pullSecrets(mirrors) } : {};
}
