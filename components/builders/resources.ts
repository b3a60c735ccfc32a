/** Container resources as charts and pod specs take them. */
import type { Resources } from "../schema";

/** Requests and limits with unset optional fields left out (no CPU limit unless configured). */
export function resourceValues(r: Resources): Record<string, unknown> {
    return {
        requests: { ...r.requests },
        limits: { memory: r.limits.memory, ...(r.limits.cpu === undefined ? {} : { cpu: r.limits.cpu }) },
    };
}
