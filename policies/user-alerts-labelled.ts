/**
 * Alerts a team defines in the stack config (alerting.metricAlerts, alerting.logAlerts,
 * apps[].metricAlerts, apps[].logAlerts) carry a severity and a summary. Without a severity an
 * alert matches no severity route (it never pages on-call, whatever it means), and without a
 * summary its notification's headline is empty. The config accepts both without them, so a
 * dev stack may try an alert out; this policy is where a stack says it must not.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { dataEntries, parseMapping } from "./lib/documents";
import { isObject, Json, objectName, TYPES } from "./lib/k8s";
import { at } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

/** PrometheusRule objects, where the program puts metric alerts. */
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

/**
 * Groups of user-defined alerts, by the names builders/rules/custom.ts and log-alerts.ts give
 * them: `custom.metrics`, `custom.<namespace>.<app>`, `custom-logs`, `custom-logs.<ns>.<app>`.
 */
const USER_GROUP = /^custom(\.|-logs(\.|$))/;

export const userAlertsLabelled: ResourceValidationPolicy = {
    name: "user-alerts-labelled",
    description: "Alerts defined in the stack config (metric alerts in PrometheusRules, log alerts in Loki's rules ConfigMap) each carry a severity label and a summary annotation.",
    enforcementLevel: "mandatory",
    validateResource: checkingUnknowns((args, reportViolation) => {
        const name = objectName(args.props, args.name);
        for (const { where, groups } of ruleFilesOf(args.type, args.props, name)) {
            for (const group of groups.filter((g) => isObject(g) && typeof g.name === "string" && USER_GROUP.test(g.name))) {
                for (const rule of Array.isArray(group.rules) ? group.rules : []) {
                    if (!isObject(rule) || typeof rule.alert !== "string") {
                        continue;
                    }
                    const missing = [
                        ...(typeof rule.labels?.severity === "string" ? [] : ["severity (critical, warning or info)"]),
                        ...(typeof rule.annotations?.summary === "string" && rule.annotations.summary !== "" ? [] : ["summary"]),
                    ];
                    if (missing.length > 0) {
                        reportViolation(`${where} group ${group.name}: alert ${rule.alert} has no ${missing.join(" and no ")}; set its severity and summary fields in the stack config.`);
                    }
                }
            }
        }
    }),
};

/** The rule groups an object carries: a PrometheusRule's spec, or the rule files of a rules ConfigMap. */
function ruleFilesOf(type: string, props: Json, name: string): { where: string; groups: Json[] }[] {
    if (type === PROMETHEUS_RULE) {
        const groups = at(props, "spec", "groups");
        return Array.isArray(groups) ? [{ where: `PrometheusRule ${name}`, groups }] : [];
    }
    // Only the program's rules ConfigMaps (standard labels, component "rules") are read.
    if (type !== TYPES.configMap || at(props, "metadata", "labels", "app.kubernetes.io/component") !== "rules") {
        return [];
    }
    const { entries } = dataEntries(type, props, (k) => /\.ya?ml$/.test(k));
    return Object.entries(entries).flatMap(([key, text]) => {
        const file = parseMapping(text);
        return file !== undefined && Array.isArray(file.groups) ? [{ where: `ConfigMap ${name}/${key}`, groups: file.groups }] : [];
    });
}
