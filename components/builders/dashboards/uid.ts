/**
 * Dashboard uids of onboarded apps. Apart from the dashboard builders so config validation can
 * check them (schema/apps.ts) without loading the dashboard SDK.
 */
import { createHash } from "crypto";
import type { AppConfig } from "../../schema";

/** The stack-health dashboard, linked from notifications of stack-wide alerts. */
export const STACK_HEALTH_UID = "obs-stack-health";

/** Grafana rejects dashboard uids longer than 40 characters. */
export const MAX_UID_LENGTH = 40;

/**
 * `<prefix>-<namespace>-<name>`; when that is too long, a prefix of it plus a hash of the full
 * name, so the uid stays stable and unique for the same app. The dash join is kept, although
 * not injective (`eu-checkout` in `shop` and `checkout` in `shop-eu` meet), because the uid is
 * in Grafana links and names the dashboard's ConfigMap: a new scheme would replace every
 * existing dashboard. Validation refuses the apps that meet instead (schema/apps.ts); the
 * prefixes below have the same length, so apps that meet in one kind meet in every kind.
 */
function appScopedUid(prefix: string, app: Pick<AppConfig, "name" | "namespace">): string {
    const full = `${prefix}-${app.namespace}-${app.name}`;
    if (full.length <= MAX_UID_LENGTH) {
        return full;
    }
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
    return `${full.slice(0, MAX_UID_LENGTH - hash.length - 1)}-${hash}`;
}

/** The app's dashboard: `obs-app-<namespace>-<name>`. */
export function appDashboardUid(app: Pick<AppConfig, "name" | "namespace">): string {
    return appScopedUid("obs-app", app);
}

/** The error-budget dashboard of an app with SLOs: `obs-slo-<namespace>-<name>`. */
export function sloDashboardUid(app: Pick<AppConfig, "name" | "namespace">): string {
    return appScopedUid("obs-slo", app);
}
