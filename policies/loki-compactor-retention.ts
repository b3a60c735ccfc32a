/**
 * Loki's compactor actually applies retention and has a store for delete requests. Distributed
 * Loki's compactor reads the same `<release>` config as every other component (the chart renders
 * one config for all), so this covers both modes.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { objectName } from "./lib/k8s";
import { lokiDocumentsOf, section } from "./lib/loki";
import { unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

export const lokiCompactorRetention: ResourceValidationPolicy = {
    name: "loki-compactor-retention",
    description: "Loki's compactor has retention_enabled and a delete_request_store, without which retention_period deletes nothing.",
    enforcementLevel: "mandatory",
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { configs, unknown } = lokiDocumentsOf(args.type, args.props);
        const name = objectName(args.props, args.name);
        // Reported, not passed: an unknown config text has no known parts to check.
        unknown.forEach((path) => reportViolation(unknownMessage(`Loki config ${name}`, path)));
        for (const { key, config } of configs) {
            const compactor = section(config, "compactor");
            const where = `Loki config ${name}/${key}`;
            if (compactor.retention_enabled !== true) {
                reportViolation(
                    `${where} does not set compactor.retention_enabled: true, so retention_period is never applied; ` +
                        "set loki.compactor.retention_enabled to true.",
                );
            }
            const store = compactor.delete_request_store;
            if (typeof store !== "string" || store.trim() === "") {
                reportViolation(
                    `${where} has no compactor.delete_request_store, which Loki 3 requires once retention is enabled; ` +
                        "set loki.compactor.delete_request_store to the object store of the schema (filesystem for a single binary on a PVC, s3 for distributed Loki on objectStorage).",
                );
            }
        }
    }),
};
