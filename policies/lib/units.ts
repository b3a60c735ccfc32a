/**
 * Duration and size parsing for the units the guarded objects use. Self-contained on purpose:
 * the pack is published on its own and must not import the program's code.
 */

const DURATION_UNITS: Record<string, number> = {
    ms: 0.001,
    s: 1,
    m: 60,
    h: 3600,
    d: 86400,
    w: 7 * 86400,
    y: 365 * 86400,
};

/**
 * Seconds in a Prometheus/Loki duration ("30d", "720h", "1h30m", "10m0s"): Prometheus'
 * model.Duration, which the operator's CRD pattern mirrors and Loki's retention_period also
 * uses: whole numbers, units in the order y w d h m s ms, each at most once. "0" is zero.
 * Undefined when the string is not such a duration ("1.5d" and "30m1h" are refused as the
 * API server and Loki refuse them).
 */
export function durationSeconds(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    const text = value.trim();
    if (text === "0") {
        return 0;
    }
    const match = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
    if (text === "" || match === null) {
        return undefined;
    }
    const factors = [DURATION_UNITS.y, DURATION_UNITS.w, DURATION_UNITS.d, DURATION_UNITS.h, DURATION_UNITS.m, DURATION_UNITS.s, DURATION_UNITS.ms];
    return factors.reduce((total, factor, i) => total + Number(match[i + 1] ?? 0) * factor, 0);
}

/** A duration for messages: whole days when it is one, else hours. */
export function formatDuration(seconds: number): string {
    if (seconds % 86400 === 0) {
        return `${seconds / 86400}d`;
    }
    return `${Math.round((seconds / 3600) * 100) / 100}h`;
}

const QUANTITY_SUFFIXES: Record<string, number> = {
    "": 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

/** Bytes in a Kubernetes quantity ("200Gi", "500M", "1e9"); undefined when malformed. */
export function quantityBytes(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    if (typeof value !== "string") {
        return undefined;
    }
    // The API server's quantity grammar: "+1.5Gi", ".5Gi", "1." and "1e3" are all valid.
    const match = /^\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/.exec(value.trim());
    if (match === null) {
        return undefined;
    }
    const [, amount, suffix, exponent] = match;
    if (exponent !== undefined) {
        return Number(amount) * 10 ** Number(exponent);
    }
    return Number(amount) * QUANTITY_SUFFIXES[suffix ?? ""];
}

const PROMETHEUS_SIZE_UNITS: Record<string, number> = {
    B: 1,
    KB: 2 ** 10,
    MB: 2 ** 20,
    GB: 2 ** 30,
    TB: 2 ** 40,
    PB: 2 ** 50,
    EB: 2 ** 60,
};

/**
 * Bytes in a Prometheus size (--storage.tsdb.retention.size, the operator's retentionSize,
 * CRD pattern `(^0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)$`). Prometheus parses these with
 * base-2 multipliers (alecthomas/units ParseBase2Bytes), so "170GB" is 170 GiB and "170GiB"
 * means the same; "0" is zero (no size limit).
 */
export function prometheusSizeBytes(value: unknown): number | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    if (value.trim() === "0") {
        return 0;
    }
    const match = /^([0-9]*\.?[0-9]+)([KMGTPE]i?)?B$/.exec(value.trim());
    if (match === null) {
        return undefined;
    }
    const unit = `${(match[2] ?? "").replace("i", "")}B`;
    return Number(match[1]) * PROMETHEUS_SIZE_UNITS[unit];
}

/** Bytes for messages, in the largest binary unit that keeps two decimals meaningful. */
export function formatBytes(bytes: number): string {
    const units = ["B", "Ki", "Mi", "Gi", "Ti", "Pi"];
    let value = bytes;
    let i = 0;
    while (value >= 1024 && i < units.length - 1) {
        value /= 1024;
        i++;
    }
    return `${Math.round(value * 100) / 100}${units[i]}`;
}
