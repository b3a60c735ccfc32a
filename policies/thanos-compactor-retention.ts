/**
 * The Thanos compactor deletes blocks from the bucket after a stated time per resolution, within
 * the stack's bounds. Each `--retention.resolution-*` flag defaults to 0d, which keeps that
 * resolution forever (https://thanos.io/tip/components/compact.md/#enforcing-retention-of-data),
 * so the bucket grows without end unless all three are set.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName } from "./lib/k8s";
import { retentionProblem } from "./lib/retention";
import { argvOf, compactContainers, flagValue } from "./lib/thanos";
import { reportingUnknowns, UNKNOWN, unknownMessage } from "./lib/unknowns";
import { durationSeconds } from "./lib/units";
import { checkingUnknowns } from "./lib/validation";

export interface ThanosRetentionConfig {
    minRaw: string;
    maxRaw: string;
    minFiveMinutes: string;
    maxFiveMinutes: string;
    minOneHour: string;
    maxOneHour: string;
}

/**
 * Wide enough for any stack; the stack's config files narrow them. The raw and 5m minimums are
 * the compactor's own: it refuses to start with less while it downsamples (thanos-io/thanos#5059).
 */
export const THANOS_RETENTION_DEFAULTS: ThanosRetentionConfig = {
    minRaw: "2d", maxRaw: "365d",
    minFiveMinutes: "10d", maxFiveMinutes: "730d",
    minOneHour: "10d", maxOneHour: "1825d",
};

/** Each resolution: its flag, its bounds and the stack config key that sets it. */
const RESOLUTIONS = [
    { flag: "--retention.resolution-raw", name: "raw", min: "minRaw", max: "maxRaw", key: "prometheus.longTerm.retention.raw" },
    { flag: "--retention.resolution-5m", name: "5m", min: "minFiveMinutes", max: "maxFiveMinutes", key: "prometheus.longTerm.retention.fiveMinutes" },
    { flag: "--retention.resolution-1h", name: "1h", min: "minOneHour", max: "maxOneHour", key: "prometheus.longTerm.retention.oneHour" },
] as const;

const bound = (what: string, res: string, value: string) => ({ type: "string" as const, default: value, description: `${what} retention of ${res} data in the bucket, as a duration such as 30d.` });

export const thanosCompactorRetention: ResourceValidationPolicy = {
    name: "thanos-compactor-retention",
    description: "The Thanos compactor sets --retention.resolution-raw, -5m and -1h to non-zero durations within the stack's bounds; an unset or zero flag keeps that resolution in the bucket forever.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRaw: bound("Shortest", "raw", THANOS_RETENTION_DEFAULTS.minRaw),
            maxRaw: bound("Longest", "raw", THANOS_RETENTION_DEFAULTS.maxRaw),
            minFiveMinutes: bound("Shortest", "5m-downsampled", THANOS_RETENTION_DEFAULTS.minFiveMinutes),
            maxFiveMinutes: bound("Longest", "5m-downsampled", THANOS_RETENTION_DEFAULTS.maxFiveMinutes),
            minOneHour: bound("Shortest", "1h-downsampled", THANOS_RETENTION_DEFAULTS.minOneHour),
            maxOneHour: bound("Longest", "1h-downsampled", THANOS_RETENTION_DEFAULTS.maxOneHour),
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const containers = compactContainers(args.type, args.props);
        if (containers.length === 0) {
            return;
        }
        const config = configWithDefaults(THANOS_RETENTION_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        for (const container of containers) {
            const subject = `Thanos compactor ${name} (container ${String(container.name ?? "?")})`;
            const argv = argvOf(container);
            for (const r of RESOLUTIONS) {
                // One flag at a time: an unknown one is reported and the others still checked.
                reportingUnknowns(subject, reportViolation, () => {
                    const bounds = { minRetention: config[r.min], maxRetention: config[r.max] };
                    const hint = `${r.flag} (observability:${r.key})`;
                    const range = `between ${bounds.minRetention} and ${bounds.maxRetention}`;
                    const value = flagValue(argv, r.flag);
                    if (value === UNKNOWN) {
                        reportViolation(unknownMessage(subject, r.flag));
                    } else if (value === undefined || durationSeconds(value) === 0) {
                        reportViolation(`${subject} ${value === undefined ? `does not set ${r.flag}` : `sets ${r.flag}=${value}`}, so it keeps ${r.name} data in the bucket forever; set ${hint} ${range}.`);
                    } else {
                        const problem = retentionProblem(value, bounds, `${subject} ${r.flag}`, hint);
                        if (problem !== undefined) {
                            reportViolation(problem);
                        }
                    }
                });
            }
        }
    }),
};
