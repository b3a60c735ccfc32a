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
