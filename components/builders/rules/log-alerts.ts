/**
 * Rule files of Loki's ruler: the LogQL alerts of the config (stack-wide and per app) and the
 * short form `apps[].alerts.errorLogLinesPerMinute`. Same labels as metric alerts
 * (builders/rules/custom.ts), so Alertmanager routes them alike; the ruler sends them to the
 * stack's Alertmanager (builders/loki-values.ts).
 */
import * as YAML from "yaml";
import type { AppConfig, StackConfig } from "../../schema";
import { appErrorLogs, appSelector } from "../logql";
import { appOwner, customRule, type CustomAlertRule, type CustomRuleGroup, grafanaUrl, stackOwner } from "./custom";

/** Key of the rules ConfigMap, and file name under the ruler's tenant directory. */
export const LOG_ALERTS_FILE = "log-alerts.yaml";

/** The short form's alert name. */
export const ERROR_LOG_ALERT = "AppErrorLogBurst";

/** What counts as an error line of an app that logs plain text (any case). */
export const TEXT_ERROR_PATTERN = "(?i)(error|exception|fatal|panic|internal server error)";

/** Error lines of an app: by the extracted level for JSON apps, by pattern for text apps. */
export function errorLines(app: Pick<AppConfig, "name" | "namespace" | "logFormat">): string {
    return app.logFormat === "json" ? appErrorLogs(app) : `${appSelector(app)} |~ ${JSON.stringify(TEXT_ERROR_PATTERN)}`;
}

/**
 * The short form: more than N error lines in a minute, held for 2 minutes so a single burst of
 * one stack trace (many lines at once) does not page.
 */
export function errorLogRule(app: AppConfig, config: StackConfig): CustomAlertRule {
    const limit = app.alerts.errorLogLinesPerMinute!;
    return customRule({
        name: ERROR_LOG_ALERT,
        expr: `sum by (namespace, app) (count_over_time(${errorLines(app)} [1m])) > ${limit}`,
        for: "2m",
        severity: "warning",
        summary: `${app.name} logs many errors.`,
        description: `${app.name} in {{ $labels.namespace }} wrote {{ $value }} error lines in the last minute (threshold ${limit}).`,
        labels: {},
    }, appOwner(app, config), grafanaUrl(config));
}

/** Groups of the ruler: stack-wide log alerts, then one per app that has some. */
export function logAlertGroups(config: StackConfig): CustomRuleGroup[] {
    const grafana = grafanaUrl(config);
    const stack = config.alerting.logAlerts.map((a) => customRule(a, stackOwner(config), grafana));
    const apps = config.apps.map((app) => ({
        name: `custom-logs.${app.namespace}.${app.name}`,
        rules: [
            ...(app.alerts.errorLogLinesPerMinute === undefined ? [] : [errorLogRule(app, config)]),
            ...app.logAlerts.map((a) => customRule(a, appOwner(app, config), grafana)),
        ],
    }));
    return [...(stack.length === 0 ? [] : [{ name: "custom-logs", rules: stack }]), ...apps.filter((g) => g.rules.length > 0)];
}

/** The ruler's rule files (ConfigMap data): none when no log alert is configured. */
export function lokiRuleFiles(config: StackConfig): Record<string, string> {
    const groups = logAlertGroups(config);
    return groups.length === 0 ? {} : { [LOG_ALERTS_FILE]: YAML.stringify({ groups }, { lineWidth: 0 }) };
}
