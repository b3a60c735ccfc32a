/** Volumes survive a careless `pulumi up`, `destroy` or chart change. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, OPERATOR_WORKLOADS, TYPES, volumeClaimsOf } from "./lib/k8s";
import { checkingUnknowns } from "./lib/validation";

export interface ProtectionConfig {
    /** Require the `protect` resource option on PersistentVolumeClaims. */
    requireProtect: boolean;
    /** Also require `protect` on StatefulSets and Prometheus/Alertmanager that own claim templates. */
    protectClaimOwners: boolean;
    /** Allow persistentVolumeClaimRetentionPolicy.whenDeleted: Delete (volumes deleted with their StatefulSet). */
    allowClaimDeletion: boolean;
}

/**
 * A PersistentVolumeClaim is the data, so it is protected. A claim-template owner is not by
 * default: its claims outlive it unless whenDeleted is Delete, and chart-rendered owners cannot
 * carry the option (a v4 Chart does not pass resource options to its children,
 * pulumi-kubernetes#3065), so the retention policy is what keeps their data.
 */
export const PROTECTION_DEFAULTS: ProtectionConfig = { requireProtect: true, protectClaimOwners: false, allowClaimDeletion: false };

/** Objects that declare persistent claims (k8s.ts volumeClaimsOf without ephemeral volumes). */
const CLAIM_OWNERS: readonly string[] = [TYPES.pvc, TYPES.statefulSet, ...OPERATOR_WORKLOADS];

export const statefulResourcesProtected: ResourceValidationPolicy = {
    name: "stateful-resources-protected",
    description: "PersistentVolumeClaims carry the protect option, and StatefulSets and Prometheus/Alertmanager never delete their volume claims when they are deleted.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireProtect: { type: "boolean", default: PROTECTION_DEFAULTS.requireProtect, description: "Require the protect resource option on every PersistentVolumeClaim." },
            protectClaimOwners: { type: "boolean", default: PROTECTION_DEFAULTS.protectClaimOwners, description: "Also require protect on StatefulSets, Prometheus and Alertmanager that own volume claim templates." },
            allowClaimDeletion: { type: "boolean", default: PROTECTION_DEFAULTS.allowClaimDeletion, description: "Allow persistentVolumeClaimRetentionPolicy.whenDeleted: Delete, which deletes the volumes with their owner." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        // Generic ephemeral volumes are deleted with their pod by design: nothing to protect, so
        // only claims and claim-template owners are read, never a pod's volumes.
        if (!CLAIM_OWNERS.includes(args.type) || volumeClaimsOf(args.type, args.props, false).length === 0) {
            return;
        }
        const config = configWithDefaults(PROTECTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const isClaim = args.type === TYPES.pvc;
        // @pulumi/policy 1.21 shows `protect` in args.opts; `retainOnDelete` is not passed to policies.
        if ((isClaim ? config.requireProtect : config.protectClaimOwners) && args.opts?.protect !== true) {
            reportViolation(
                `${name} ${isClaim ? "is" : "owns"} a persistent volume but is not protected; set the protect resource option ` +
                    "(the program's protection.protectStatefulResources) so a delete or replace cannot drop its data.",
            );
        }
        const retention = args.props.spec?.persistentVolumeClaimRetentionPolicy;
        if (!isClaim && !config.allowClaimDeletion && retention?.whenDeleted === "Delete") {
            reportViolation(
                `${name} sets spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Delete, which deletes its volumes with it; ` +
                    "set whenDeleted to Retain (loki chart: singleBinary.persistence.whenDeleted; kube-prometheus-stack: *Spec.persistentVolumeClaimRetentionPolicy).",
            );
        }
    }),
};
