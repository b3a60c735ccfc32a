/** Prometheus keeps data for a stated time that fits the stack's bounds. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, TYPES } from "./lib/k8s";
import { boundsSchema, RetentionBounds, retentionProblem } from "./lib/retention";
import { checkingUnknowns } from "./lib/validation";

/** Defaults: a week is the least that makes week-over-week graphs work; 90d is a TSDB-on-disk ceiling. */
export const PROMETHEUS_RETENTION_DEFAULTS: RetentionBounds = { minRetention: "7d", maxRetention: "90d" };

const HINT = "spec.retention (kube-prometheus-stack: prometheus.prometheusSpec.retention)";

export const prometheusRetention: ResourceValidationPolicy = {
    name: "prometheus-retention",
    description: "Every Prometheus sets spec.retention within the stack's bounds; unset, the operator keeps only 24 hours, or with retentionSize alone Prometheus has no time limit.",
    enforcementLevel: "mandatory",
    configSchema: { properties: boundsSchema(PROMETHEUS_RETENTION_DEFAULTS, "Prometheus") },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.prometheus) {
            return;
        }
        const bounds = configWithDefaults(PROMETHEUS_RETENTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const retention = args.props.spec?.retention;
        if (retention === undefined || retention === null || retention === "") {
            // The operator defaults to 24h only when retentionSize is empty too (CRD docs); with a
            // size alone, Prometheus applies no time limit and keeps data until the size is reached.
            const size = args.props.spec?.retentionSize;
            const effect = size === undefined || size === null || size === ""
                ? "so the operator keeps only 24h of data"
                : `so Prometheus has no time limit and keeps data until retentionSize ${size} is reached`;
            reportViolation(`Prometheus ${name} does not set spec.retention, ${effect}; set ${HINT} between ${bounds.minRetention} and ${bounds.maxRetention}.`);
            return;
        }
        const problem = retentionProblem(retention, bounds, `Prometheus ${name} spec.retention`, HINT);
        if (problem !== undefined) {
            reportViolation(problem);
        }
    }),
};
