/**
 * Values for the prometheus-pushgateway chart (3.8.0): where batch jobs (kube-bench) push
 * metrics that Prometheus then scrapes through the chart's ServiceMonitor.
 */
import type { StackConfig } from "../schema";
import { CHARTS, IMAGES } from "../versions";
import { mirroredImage, pullSecrets } from "./images";
import { resourceValues } from "./resources";
import { claimSpec } from "./volumes";

/** Release name and fullnameOverride: the Service is `pushgateway`. */
export const PUSHGATEWAY_RELEASE = "pushgateway";
/** The chart's service.port default. */
export const PUSHGATEWAY_PORT = 9091;
/** Where the chart mounts the data volume (persistentVolume.mountPath default). */
const DATA_DIR = "/data";

/** In-cluster base URL of the Pushgateway. */
export function pushgatewayUrl(namespace: string): string {
    return `http://${PUSHGATEWAY_RELEASE}.${namespace}.svc:${PUSHGATEWAY_PORT}`;
}

export function pushgatewayValues(config: StackConfig): Record<string, unknown> {
    const p = config.pushgateway;
    const image = mirroredImage(IMAGES.pushgateway, config.mirrors);
    const persistent = p.persistence.enabled;
    return {
        fullnameOverride: PUSHGATEWAY_RELEASE,
        // The chart prints `registry/repository:tag`; its default repository carries quay.io in
        // the repository, so split it for the mirror to replace the registry alone.
        image: { registry: image.registry, repository: image.repository, tag: image.tag },
        imagePullSecrets: pullSecrets(config.mirrors),
        resources: resourceValues(p.resources),
        containerSecurityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        },
        serviceMonitor: {
            enabled: true,
            // The chart defaults this to the literal "monitoring"; follow the stack namespace.
            namespace: config.namespace,
            // Keep the pushed job/node/target labels instead of the Pushgateway's own pod labels.
            honorLabels: true,
        },
        // The claim is the program's own (pushgatewayVolumeClaim), so it can be protected like
        // every other claim; the chart only mounts it (it renders no PVC with existingClaim).
        persistentVolume: persistent ? { enabled: true, existingClaim: PUSHGATEWAY_RELEASE } : { enabled: false },
        // The chart mounts the volume but never tells the Pushgateway to use it.
        extraArgs: persistent ? [`--persistence.file=${DATA_DIR}/pushgateway.data`, "--persistence.interval=5m"] : [],
        // Pushers (kube-bench jobs) and Prometheus live in the stack namespace.
        networkPolicy: config.protection.networkPolicies ? { customSelectors: [{ podSelector: {} }] } : {},
    };
}

/** Spec of the Pushgateway's claim when persistence is on. */
export function pushgatewayVolumeClaim(config: StackConfig): Record<string, unknown> | undefined {
    const p = config.pushgateway.persistence;
    if (!p.enabled) {
        return undefined;
    }
    return claimSpec(p.size, p.storageClass ?? config.storage.className);
}

/** The chart reference, for the component and the render tier. */
export const PUSHGATEWAY_CHART = CHARTS.pushgateway;
