/** Volume requests are stated and sized within the stack's bounds. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { claimRequest, objectName, volumeClaimsOf } from "./lib/k8s";
import { reportingUnknowns } from "./lib/unknowns";
import { formatBytes, quantityBytes } from "./lib/units";
import { checkingUnknowns } from "./lib/validation";

export interface VolumeSizeConfig {
    /** Smallest volume request allowed (Kubernetes quantity). */
    minSize: string;
    /** Largest volume request allowed (Kubernetes quantity). */
    maxSize: string;
}

export const VOLUME_SIZE_DEFAULTS: VolumeSizeConfig = { minSize: "1Gi", maxSize: "1Ti" };

export const volumeSizeBounds: ResourceValidationPolicy = {
    name: "volume-size-bounds",
    description: "Every volume claim requests a storage size between the stack's minimum and maximum.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minSize: { type: "string", default: VOLUME_SIZE_DEFAULTS.minSize, description: "Smallest volume request allowed, as a Kubernetes quantity such as 1Gi." },
            maxSize: { type: "string", default: VOLUME_SIZE_DEFAULTS.maxSize, description: "Largest volume request allowed, as a Kubernetes quantity such as 1Ti." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const config = configWithDefaults(VOLUME_SIZE_DEFAULTS, args);
        const min = quantityBytes(config.minSize);
        const max = quantityBytes(config.maxSize);
        if (min === undefined || max === undefined) {
            throw new Error(`policy config: minSize "${config.minSize}" and maxSize "${config.maxSize}" must be Kubernetes quantities such as 1Gi`);
        }
        const name = objectName(args.props, args.name);
        const range = `between ${config.minSize} and ${config.maxSize}`;
        // One claim at a time: a size a preview does not know is reported for that claim alone.
        for (const claim of volumeClaimsOf(args.type, args.props)) {
            reportingUnknowns(name, reportViolation, () => {
                const request = claimRequest(claim.spec);
                const bytes = quantityBytes(request);
                if (bytes === undefined) {
                    reportViolation(`${name} ${claim.where} has no valid resources.requests.storage (${JSON.stringify(request ?? null)}); request a size ${range}.`);
                } else if (bytes < min || bytes > max) {
                    reportViolation(`${name} ${claim.where} requests ${request} (${formatBytes(bytes)}); request a size ${range}.`);
                }
            });
        }
    }),
};
