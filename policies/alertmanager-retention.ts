/** Alertmanager keeps silences and notification state for a stated time within bounds. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, TYPES } from "./lib/k8s";
import { boundsSchema, RetentionBounds, retentionProblem } from "./lib/retention";
import { checkingUnknowns } from "./lib/validation";

/**
 * Defaults: the operator's own 120h is the floor (shorter drops silences set before a long
 * weekend); 90 days bounds the nflog and silence snapshots.
 */
export const ALERTMANAGER_RETENTION_DEFAULTS: RetentionBounds = { minRetention: "120h", maxRetention: "2160h" };

/** The Alertmanager CRD's pattern for spec.retention (monitoring.coreos.com/v1). */
const ALERTMANAGER_DURATION = /^(0|([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$/;

const HINT = "spec.retention (kube-prometheus-stack: alertmanager.alertmanagerSpec.retention)";

export const alertmanagerRetention: ResourceValidationPolicy = {
    name: "alertmanager-retention",
    description: "Every Alertmanager sets spec.retention within the stack's bounds instead of relying on the operator's 120h default.",
    enforcementLevel: "mandatory",
    configSchema: { properties: boundsSchema(ALERTMANAGER_RETENTION_DEFAULTS, "Alertmanager") },
    validateResource: checkingUnknowns((args, reportViolation) => {
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
        // Alertmanager's --data.retention is a Go duration: the CRD admits only h, m, s and ms,
        // so "30d" passes a preview and then fails the apply.
        if (typeof retention !== "string" || !ALERTMANAGER_DURATION.test(retention.trim())) {
            reportViolation(`Alertmanager ${name} spec.retention ${JSON.stringify(retention)} is not an Alertmanager duration (hours, minutes, seconds: 720h, not 30d); set ${HINT} in hours.`);
            return;
        }
        const problem = retentionProblem(retention, bounds, `Alertmanager ${name} spec.retention`, HINT);
        if (problem !== undefined) {
            reportViolation(problem);
        }
    }),
};
