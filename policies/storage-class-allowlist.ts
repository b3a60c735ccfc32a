/** Volumes land on StorageClasses the platform team approved. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, volumeClaimsOf } from "./lib/k8s";
import { at, reportingUnknowns, UNKNOWN } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

export interface StorageClassConfig {
    /** StorageClass names volumes may use; an empty list allows any named class. */
    allowedClasses: string[];
    /** Whether a claim may omit storageClassName and take the cluster's default class. */
    allowDefaultClass: boolean;
}

export const STORAGE_CLASS_DEFAULTS: StorageClassConfig = { allowedClasses: [], allowDefaultClass: true };

export const storageClassAllowlist: ResourceValidationPolicy = {
    name: "storage-class-allowlist",
    description: "Every PersistentVolumeClaim, StatefulSet claim template and Prometheus/Alertmanager storage template names an allowed StorageClass.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedClasses: {
                type: "array",
                items: { type: "string" },
                default: STORAGE_CLASS_DEFAULTS.allowedClasses,
                description: "StorageClass names volumes may use; an empty list allows any class. List \"\" to allow claims bound to pre-provisioned volumes without a class.",
            },
            allowDefaultClass: {
                type: "boolean",
                default: STORAGE_CLASS_DEFAULTS.allowDefaultClass,
                description: "Whether a claim may leave storageClassName unset and take the cluster's default StorageClass.",
            },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { allowedClasses, allowDefaultClass } = configWithDefaults(STORAGE_CLASS_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const allowed = allowedClasses.length === 0 ? "any named StorageClass" : allowedClasses.join(", ");
        // One claim at a time: a class a preview does not know is reported for that claim alone.
        for (const claim of volumeClaimsOf(args.type, args.props)) {
            reportingUnknowns(name, reportViolation, () => {
                // With no allowlist and the default class allowed every value passes, so one a
                // preview does not know passes too; otherwise reading it reports it.
                if (allowedClasses.length === 0 && allowDefaultClass && at(claim.spec, "storageClassName") === UNKNOWN) {
                    return;
                }
                const cls = claim.spec.storageClassName;
                if (cls === undefined || cls === null) {
                    if (!allowDefaultClass) {
                        reportViolation(`${name} ${claim.where} has no storageClassName and would take the cluster's default class; set storageClassName to one of: ${allowed}.`);
                    }
                    return;
                }
                if (cls === "" && allowedClasses.length > 0 && !allowedClasses.includes("")) {
                    // "" is not the default class: the claim binds only to a pre-created PersistentVolume
                    // without a class, and stays Pending when there is none.
                    reportViolation(`${name} ${claim.where} sets storageClassName "" (no class: binds only to a pre-provisioned PersistentVolume without one); set storageClassName to one of: ${allowed}.`);
                    return;
                }
                if (allowedClasses.length > 0 && !allowedClasses.includes(cls)) {
                    reportViolation(`${name} ${claim.where} uses StorageClass "${cls}", which is not allowed here; set storageClassName to one of: ${allowed}.`);
                }
            });
        }
    }),
};
