/** Alertmanager keeps silences and notification state for a stated time within bounds. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, TYPES } from "./lib/k8s";
import { boundsSchema, RetentionBounds, retentionProblem } from "./lib/retention";

/**
 * Defaults: the operator's own 120h is the floor (shorter drops silences set before a long
 * weekend); 90 days bounds the nflog and silence snapshots.
 */
export const ALERTMANAGER_RETENTION_DEFAULTS: RetentionBounds = { minRetention: "120h", maxRetention: "2160h" };

const HINT = "spec.retention (kube-prometheus-stack: alertmanager.alertmanagerSpec.retention)";

export const alertmanagerRetention: ResourceValidationPolicy = {
    name: "alertmanager-retention",
    description: "Every Alertmanager sets spec.retention within the stack's bounds instead of relying on the operator's 120h default.",
    enforcementLevel: "mandatory",
    configSchema: { properties: boundsSchema(ALERTMANAGER_RETENTION_DEFAULTS, "Alertmanager") },
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.alertmanager) {
            return;
        }
        const bounds = configWithDefaults(ALERTMANAGER_RETENTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const retention = args.props.spec?.retention;
        if (retention === undefined || retention === null || retention === "") {
            reportViolation(
                `Alertmanager ${name} does not set spec.retention (the operator then uses 120h); ` +
                    `set ${HINT} between ${bounds.minRetention} and ${bounds.maxRetention}.`,
            );
            return;
        }
        const problem = retentionProblem(retention, bounds, `Alertmanager ${name} spec.retention`, HINT);
        if (problem !== undefined) {
            reportViolation(problem);
        }
    },
};
