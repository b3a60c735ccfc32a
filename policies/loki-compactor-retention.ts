/** Loki's compactor actually applies retention and has a store for delete requests. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { objectName } from "./lib/k8s";
import { lokiConfigsOf, section } from "./lib/loki";

export const lokiCompactorRetention: ResourceValidationPolicy = {
    name: "loki-compactor-retention",
    description: "Loki's compactor has retention_enabled and a delete_request_store, without which retention_period deletes nothing.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const name = objectName(args.props, args.name);
        for (const { key, config } of lokiConfigsOf(args.type, args.props)) {
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
                        "set loki.compactor.delete_request_store to the object store of the schema (filesystem for a single binary on a PVC).",
                );
            }
        }
    },
};
