/** Loki deletes logs after a stated time within bounds; without it Loki keeps logs forever. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName } from "./lib/k8s";
import { lokiConfigsOf, section } from "./lib/loki";
import { boundsSchema, RetentionBounds, retentionProblem } from "./lib/retention";
import { durationSeconds } from "./lib/units";

export const LOKI_RETENTION_DEFAULTS: RetentionBounds = { minRetention: "7d", maxRetention: "90d" };

/** Loki's TSDB index is written in 24h periods; retention must be a whole number of them. */
const INDEX_PERIOD_SECONDS = 24 * 3600;

const HINT = "limits_config.retention_period (loki chart: loki.limits_config.retention_period)";

export const lokiRetention: ResourceValidationPolicy = {
    name: "loki-retention",
    description: "Loki's limits_config.retention_period is set to a whole number of days within the stack's bounds; 0 or unset keeps logs forever.",
    enforcementLevel: "mandatory",
    configSchema: { properties: boundsSchema(LOKI_RETENTION_DEFAULTS, "Loki") },
    validateResource: (args, reportViolation) => {
        const bounds = configWithDefaults(LOKI_RETENTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        for (const { key, config } of lokiConfigsOf(args.type, args.props)) {
            const where = `Loki config ${name}/${key}`;
            const retention = section(config, "limits_config").retention_period;
            const seconds = durationSeconds(retention);
            if (retention === undefined || retention === null || seconds === 0) {
                reportViolation(
                    `${where} has no limits_config.retention_period, so Loki keeps logs forever and fills its volume; ` +
                        `set ${HINT} between ${bounds.minRetention} and ${bounds.maxRetention}.`,
                );
                continue;
            }
            const problem = retentionProblem(retention, bounds, `${where} limits_config.retention_period`, HINT);
            if (problem !== undefined) {
                reportViolation(problem);
            } else if (seconds !== undefined && seconds % INDEX_PERIOD_SECONDS !== 0) {
                reportViolation(`${where} limits_config.retention_period ${retention} is not a whole number of 24h index periods; set ${HINT} to whole days such as 30d.`);
            }
        }
    },
};
