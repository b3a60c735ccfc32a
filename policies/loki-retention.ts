/** Loki deletes logs after a stated time within bounds; without it Loki keeps logs forever. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isObject, objectName } from "./lib/k8s";
import { lokiDocumentsOf, section, streamPeriods } from "./lib/loki";
import { boundsSchema, RetentionBounds, retentionProblem } from "./lib/retention";
import { unknownMessage } from "./lib/unknowns";
import { durationSeconds } from "./lib/units";
import { checkingUnknowns } from "./lib/validation";

export const LOKI_RETENTION_DEFAULTS: RetentionBounds = { minRetention: "7d", maxRetention: "90d" };

/** Loki's TSDB index is written in 24h periods; retention must be a whole number of them. */
const INDEX_PERIOD_SECONDS = 24 * 3600;

const HINT = "limits_config.retention_period (loki chart: loki.limits_config.retention_period)";
const TENANT_HINT = "the tenant's retention_period (loki chart: loki.runtimeConfig.overrides)";

type Report = (message: string) => void;

export const lokiRetention: ResourceValidationPolicy = {
    name: "loki-retention",
    description: "Loki's limits_config.retention_period, and every per-tenant override of it, is a whole number of days within the stack's bounds; 0 or unset keeps logs forever. Per-stream periods stay under the maximum.",
    enforcementLevel: "mandatory",
    configSchema: { properties: boundsSchema(LOKI_RETENTION_DEFAULTS, "Loki") },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { configs, runtimeConfigs, unknown } = lokiDocumentsOf(args.type, args.props);
        const bounds = configWithDefaults(LOKI_RETENTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        // A config text that is not known during preview has no known parts to check: it is
        // reported, not passed (the chart renders Loki's config from stack config, always known).
        unknown.forEach((path) => reportViolation(unknownMessage(`Loki config ${name}`, path)));
        for (const { key, config } of configs) {
            const where = `Loki config ${name}/${key}`;
            const limits = section(config, "limits_config");
            if (limits.retention_period === undefined || limits.retention_period === null) {
                reportViolation(
                    `${where} has no limits_config.retention_period, so Loki keeps logs forever and fills its volume; ` +
                        `set ${HINT} between ${bounds.minRetention} and ${bounds.maxRetention}.`,
                );
            } else {
                checkPeriod(limits.retention_period, bounds, `${where} limits_config.retention_period`, HINT, reportViolation);
            }
            checkStreams(streamPeriods(limits, "limits_config"), bounds, where, reportViolation);
        }
        for (const { key, config } of runtimeConfigs) {
            const where = `Loki runtime config ${name}/${key}`;
            for (const [tenant, limits] of Object.entries(config.overrides).filter(([, l]) => isObject(l))) {
                if ((limits as Record<string, unknown>).retention_period !== undefined) {
                    checkPeriod((limits as Record<string, unknown>).retention_period, bounds, `${where} overrides.${tenant}.retention_period`, TENANT_HINT, reportViolation);
                }
                checkStreams(streamPeriods(limits as Record<string, unknown>, `overrides.${tenant}`), bounds, where, reportViolation);
            }
        }
    }),
};

/** A retention_period that is set: 0 (forever), out of bounds, or not whole days. */
function checkPeriod(retention: unknown, bounds: RetentionBounds, field: string, hint: string, report: Report): void {
    const seconds = durationSeconds(retention);
    if (seconds === 0) {
        report(`${field} is ${JSON.stringify(retention)}, which turns retention off, so Loki keeps logs forever; set ${hint} between ${bounds.minRetention} and ${bounds.maxRetention}.`);
        return;
    }
    const problem = retentionProblem(retention, bounds, field, hint);
    if (problem !== undefined) {
        report(problem);
    } else if (seconds !== undefined && seconds % INDEX_PERIOD_SECONDS !== 0) {
        report(`${field} ${retention} is not a whole number of 24h index periods; set ${hint} to whole days such as 30d.`);
    }
}

/**
 * Per-stream periods may be shorter than the stack's minimum on purpose (debug logs for a day),
 * but not longer than its maximum, and they must parse.
 */
function checkStreams(streams: { path: string; period: unknown }[], bounds: RetentionBounds, where: string, report: Report): void {
    const max = durationSeconds(bounds.maxRetention);
    for (const { path, period } of streams) {
        const seconds = durationSeconds(period);
        if (seconds === undefined) {
            report(`${where} ${path} ${JSON.stringify(period ?? null)} is not a duration; set it to whole days such as 7d.`);
        } else if (max !== undefined && (seconds === 0 || seconds > max)) {
            report(`${where} ${path} is ${JSON.stringify(period)}, which keeps those streams ${seconds === 0 ? "forever" : "longer"} than the ${bounds.maxRetention} this stack allows; set it to at most ${bounds.maxRetention}.`);
        }
    }
}
