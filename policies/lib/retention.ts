/** Retention bounds shared by the Prometheus, Alertmanager and Loki retention policies. */
import { durationSeconds, formatDuration } from "./units";

export interface RetentionBounds {
    /** Shortest retention allowed, as a duration ("7d"). */
    minRetention: string;
    /** Longest retention allowed, as a duration ("90d"). */
    maxRetention: string;
}

/** The configSchema properties for a pair of bounds. */
export function boundsSchema(defaults: RetentionBounds, what: string) {
    return {
        minRetention: {
            type: "string" as const,
            default: defaults.minRetention,
            description: `Shortest ${what} retention allowed, as a duration such as 7d or 168h.`,
        },
        maxRetention: {
            type: "string" as const,
            default: defaults.maxRetention,
            description: `Longest ${what} retention allowed, as a duration such as 90d.`,
        },
    };
}

/**
 * What is wrong with a retention value that is set: unparsable or outside the bounds.
 * `field` names where it is written; `hint` says which value to change.
 */
export function retentionProblem(value: unknown, bounds: RetentionBounds, field: string, hint: string): string | undefined {
    const seconds = durationSeconds(value);
    if (seconds === undefined) {
        return `${field} ${JSON.stringify(value)} is not a duration; set ${hint} to a duration such as 15d.`;
    }
    const min = durationSeconds(bounds.minRetention);
    const max = durationSeconds(bounds.maxRetention);
    if (min === undefined || max === undefined) {
        throw new Error(`policy config: minRetention "${bounds.minRetention}" and maxRetention "${bounds.maxRetention}" must be durations such as 7d`);
    }
    const range = `between ${bounds.minRetention} and ${bounds.maxRetention}`;
    if (seconds < min) {
        return `${field} is ${value} (${formatDuration(seconds)}), shorter than the ${bounds.minRetention} this stack requires; set ${hint} ${range}.`;
    }
    if (seconds > max) {
        return `${field} is ${value} (${formatDuration(seconds)}), longer than the ${bounds.maxRetention} this stack allows; set ${hint} ${range}.`;
    }
    return undefined;
}
