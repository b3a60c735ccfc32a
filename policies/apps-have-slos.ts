/**
 * Every onboarded app has at least one service level objective. The program gives each entry
 * of the stack config's `apps` one PrometheusRule holding its alert group, named
 * `app.<namespace>.<name>`, and, for each of its `slos`, recording rules labelled with the app,
 * among them `slo:objective:ratio` (components/builders/rules/apps.ts and slos.ts). An app
 * without an SLO is watched only by fixed thresholds over five minutes, which page on a short
 * spike and miss a slow leak that spends a month's error budget in a week.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isObject, objectName, TYPES } from "./lib/k8s";
import { checkingUnknowns } from "./lib/validation";

export interface AppsHaveSlosConfig {
    /** Apps, as `<namespace>/<name>`, that may go without an SLO (a batch job with no requests, say). */
    exemptApps: string[];
}

export const APPS_HAVE_SLOS_DEFAULTS: AppsHaveSlosConfig = { exemptApps: [] };

/** The alert group of an onboarded app: `app.<namespace>.<name>`, both DNS labels, so without dots. */
const APP_GROUP = /^app\.([a-z0-9-]+)\.([a-z0-9-]+)$/;
/** The series every SLO of an app records once, whatever its SLI. */
const SLO_RECORD = "slo:objective:ratio";

export const appsHaveSlos: ResourceValidationPolicy = {
    name: "apps-have-slos",
    description: "Every onboarded app (a PrometheusRule with an app.<namespace>.<name> group) records at least one service level objective of its own.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            exemptApps: { type: "array", items: { type: "string" }, default: APPS_HAVE_SLOS_DEFAULTS.exemptApps, description: "Apps, as <namespace>/<name>, that may go without an SLO." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.prometheusRule) {
            return;
        }
        const config = configWithDefaults(APPS_HAVE_SLOS_DEFAULTS, args);
        const groups: unknown[] = Array.isArray(args.props.spec?.groups) ? args.props.spec.groups : [];
        const rules = groups.flatMap((g) => (isObject(g) && Array.isArray(g.rules) ? g.rules : []));
        for (const g of groups) {
            const m = isObject(g) && typeof g.name === "string" ? APP_GROUP.exec(g.name) : null;
            if (m === null) {
                continue;
            }
            const [, namespace, app] = m;
            if (config.exemptApps.includes(`${namespace}/${app}`)) {
                continue;
            }
            const hasSlo = rules.some((r) => isObject(r) && r.record === SLO_RECORD && r.labels?.namespace === namespace && r.labels?.app === app);
            if (!hasSlo) {
                reportViolation(`App ${app} in namespace ${namespace} (PrometheusRule ${objectName(args.props, args.name)}) has no SLO; ` +
                    `give its entry in the stack config's apps a slos list, e.g. [{ name: availability, objective: 99.9, sli: { kind: availability } }], ` +
                    `or list "${namespace}/${app}" in this policy's exemptApps.`);
            }
        }
    }),
};
