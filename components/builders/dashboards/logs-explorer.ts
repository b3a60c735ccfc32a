/**
 * Logs explorer: every container log line Loki holds, narrowed by namespace, app and level,
 * with a free-text line filter.
 */
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as common from "@grafana/grafana-foundation-sdk/common";
import { newDashboard } from "./base";
import { graph, logLines } from "./panels";
import { LOG_WINDOW, LOKI_DS, lokiQuery } from "./queries";

export const LOGS_EXPLORER_UID = "obs-logs-explorer";

/** Levels offered; apps log in either case and with either abbreviation. */
export const LEVELS = ["error", "warn", "info", "debug"];

/** The stream chosen by the namespace and app variables (both Loki stream labels). */
export const EXPLORER_STREAM = '{namespace=~"$namespace", app=~"$app"}';
/**
 * The level filter. `level` is matched after `| json`: a stream label of that name wins over a
 * parsed one, and lines that are not JSON keep an empty level, which "All" (`.*`) still shows.
 * LogQL anchors label regexes, so each chosen level matches as a prefix: "warn" also finds
 * "warning" and "WARNING" (logrus, Python logging), "error" finds "errors".
 */
export const LEVEL_FILTER = '| json | level=~"(?i)($level).*"';
/** Free-text filter; the empty default matches every line. */
export const SEARCH_FILTER = '|~ "$search"';

function variables() {
    return [
        new dashboard.QueryVariableBuilder("namespace")
            .label("Namespace")
            .datasource(LOKI_DS)
            .query({ label: "namespace", stream: "", type: 1, refId: "LokiVariableQueryEditor-VariableQuery" })
            .definition("label_values(namespace)")
            .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
            .sort(dashboard.VariableSort.AlphabeticalAsc)
            .includeAll(true)
            .allValue(".+")
            .multi(true),
        new dashboard.QueryVariableBuilder("app")
            .label("App")
            .datasource(LOKI_DS)
            .query({ label: "app", stream: '{namespace=~"$namespace"}', type: 1, refId: "LokiVariableQueryEditor-VariableQuery" })
            .definition('label_values({namespace=~"$namespace"}, app)')
            .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
            .sort(dashboard.VariableSort.AlphabeticalAsc)
            .includeAll(true)
            .allValue(".*")
            .multi(true),
        new dashboard.CustomVariableBuilder("level")
            .label("Level")
            .values(LEVELS.join(","))
            .includeAll(true)
            .allValue(".*")
            .multi(true),
        new dashboard.TextBoxVariableBuilder("search").label("Line contains (regex)").defaultValue(""),
    ];
}

/** The logs explorer dashboard. */
export function logsExplorerDashboard(): dashboard.DashboardBuilder {
    const d = newDashboard({
        uid: LOGS_EXPLORER_UID,
        title: "Logs explorer",
        tags: ["logs"],
        description: "Container logs by namespace, app and level.",
        range: "1h",
    });
    variables().forEach((v) => d.withVariable(v));
    d.withPanel(
        graph("Log lines by app", [lokiQuery("A", `sum by (namespace, app) (count_over_time(${EXPLORER_STREAM} ${SEARCH_FILTER} [${LOG_WINDOW}]))`, { legend: "{{namespace}}/{{app}}" })], { unit: "short", width: 24, height: 6 })
            .drawStyle(common.GraphDrawStyle.Bars)
            .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
    );
    d.withPanel(logLines("Logs", lokiQuery("A", `${EXPLORER_STREAM} ${SEARCH_FILTER} ${LEVEL_FILTER}`), { height: 20 }));
    return d;
}
