/**
 * Parsing of the two unit systems the stack config speaks: Prometheus durations ("30d", "1h30m")
 * and Kubernetes quantities ("100Gi", "500m"). Pure, so builders, validation and policies agree.
 */

/** Prometheus duration syntax: one or more number+unit pairs, units ordered largest first. */
export const DURATION_PATTERN = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** Kubernetes quantity for storage and memory: a decimal number and an optional binary/decimal suffix. */
export const BYTES_PATTERN = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** Kubernetes CPU quantity: cores ("2", "0.5") or millicores ("250m"). */
export const CPU_PATTERN = /^(\d+(\.\d+)?|\d+m)$/;

const DURATION_UNITS: Record<string, number> = {
    y: 365 * 24 * 3600,
    w: 7 * 24 * 3600,
    d: 24 * 3600,
    h: 3600,
    m: 60,
    s: 1,
    ms: 0.001,
};

const BYTE_SUFFIXES: Record<string, number> = {
    "": 1,
    k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Seconds in a Prometheus duration; throws on anything else (callers validate first). */
export function durationSeconds(duration: string): number {
    if (duration === "" || !DURATION_PATTERN.test(duration)) {
        throw new Error(`"${duration}" is not a Prometheus duration such as 30d or 12h`);
    }
    let total = 0;
    for (const [, value, unit] of duration.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
        total += Number(value) * DURATION_UNITS[unit];
    }
    return total;
}

/** Whole hours in a duration, the unit Loki's retention and index periods are aligned to. */
export function durationHours(duration: string): number {
    return durationSeconds(duration) / 3600;
}

/** Bytes in a Kubernetes quantity; throws on anything else. */
export function quantityBytes(quantity: string): number {
    const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(quantity);
    if (!match) {
        throw new Error(`"${quantity}" is not a Kubernetes quantity such as 100Gi`);
    }
    return Number(match[1]) * BYTE_SUFFIXES[match[2] ?? ""];
}

/** Cores in a Kubernetes CPU quantity ("250m" is 0.25); throws on anything else. */
export function cpuCores(quantity: string): number {
    if (!CPU_PATTERN.test(quantity)) {
        throw new Error(`"${quantity}" is not a CPU quantity such as 500m or 2`);
    }
    return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/**
 * A byte count as a Prometheus size ("170GB"). Prometheus reads the "GB" suffix as 2^30 bytes
 * (its units.Base2Bytes), so a GiB-sized volume is expressed in "GB" and rounded down to stay
 * under the cap.
 */
export function prometheusSize(bytes: number): string {
    const gib = Math.floor(bytes / 2 ** 30);
    if (gib >= 1) {
        return `${gib}GB`;
    }
    return `${Math.max(1, Math.floor(bytes / 2 ** 20))}MB`;
}

/** Parses a Prometheus size ("170GB", "512MB") into bytes with Prometheus' base-2 reading. */
export function prometheusSizeBytes(size: string): number {
    const match = /^(\d+)(B|KB|MB|GB|TB|PB|EB)$/.exec(size);
    if (!match) {
        throw new Error(`"${size}" is not a Prometheus size such as 170GB`);
    }
    const power = ["B", "KB", "MB", "GB", "TB", "PB", "EB"].indexOf(match[2]);
    return Number(match[1]) * 2 ** (10 * power);
}
