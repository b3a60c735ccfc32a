/**
 * Names and values both Loki modes share: the schema's first day, the ruler's rules mount, the
 * single tenant and GOMEMLIMIT. Pure constants and helpers, no chart values of their own.
 */
import type { Resources } from "../../schema/primitives";
import { quantityBytes } from "../../units";
import { RELEASES } from "../endpoints";

/**
 * First day of the one schema period. Fixed on purpose: Loki reads each stored day with the
 * schema whose `from` precedes it, so this date must never move; a schema upgrade appends a new
 * entry with a future `from` (https://grafana.com/docs/loki/latest/operations/storage/schema/).
 */
export const LOKI_SCHEMA_FROM = "2024-04-01";

/**
 * ConfigMap with the ruler's rule files (one key per file), created by the Loki component and
 * mounted read-only where the local rule store expects tenant "fake" (auth_enabled: false).
 */
export const LOKI_RULES_CONFIGMAP = `${RELEASES.loki}-rules`;
export const RULES_DIR = "/etc/loki/rules";
/** Tenant id Loki uses for every request when auth_enabled is false. */
export const LOKI_SINGLE_TENANT = "fake";

/** The pod volume that carries LOKI_RULES_CONFIGMAP, on whichever workload runs the ruler. */
export const LOKI_RULES_VOLUME = { name: "rules", configMap: { name: LOKI_RULES_CONFIGMAP } };

/** GOMEMLIMIT as a share of the memory limit: Go collects harder before the kernel OOM-kills. */
const GOMEMLIMIT_SHARE = 0.9;

/**
 * GOMEMLIMIT for a Loki container with these resources. The chart would inject 85% on its own
 * (defaults.goSettings.goMemLimitFactor) and skips that when the variable is set; both modes
 * use the same 90% instead.
 */
export function gomemlimitEnv(resources: Resources): { name: string; value: string }[] {
    const memoryLimit = quantityBytes(resources.limits.memory);
    return [{ name: "GOMEMLIMIT", value: `${Math.floor((memoryLimit * GOMEMLIMIT_SHARE) / 2 ** 20)}MiB` }];
}
