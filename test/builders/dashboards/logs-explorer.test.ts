import { strict as assert } from "assert";
import { LEVELS, logsExplorerDashboard } from "../../../components/builders/dashboards/logs-explorer";
import { exprsOf } from "./query-syntax";

describe("logs explorer dashboard", () => {
    const model = logsExplorerDashboard().build();
    const vars = Object.fromEntries((model.templating?.list ?? []).map((v) => [v.name, v]));

    it("has a stable uid and title", () => {
        assert.equal(model.uid, "obs-logs-explorer");
        assert.equal(model.title, "Logs explorer");
    });

    it("offers namespace and app from Loki's label values, app narrowed by namespace", () => {
        assert.equal(vars.namespace.definition, "label_values(namespace)");
        assert.equal(vars.app.definition, 'label_values({namespace=~"$namespace"}, app)');
        for (const v of [vars.namespace, vars.app]) {
            assert.equal(v.datasource?.uid, "loki");
            assert.equal(v.includeAll, true);
            assert.equal(v.multi, true);
        }
    });

    it("offers the levels error, warn, info and debug", () => {
        assert.equal(vars.level.query, LEVELS.join(","));
        assert.deepEqual(LEVELS, ["error", "warn", "info", "debug"]);
    });

    it("filters the log lines by namespace, app, level and the search text", () => {
        const [expr] = exprsOf(model, "Logs");
        assert.equal(expr, '{namespace=~"$namespace", app=~"$app"} |~ "$search" | json | level=~"(?i)($level).*"');
    });

    it("finds warning lines under the level warn, in any case, and nothing else", () => {
        const [expr] = exprsOf(model, "Logs");
        const pattern = /level=~"([^"]+)"/.exec(expr)![1];
        // Grafana puts a single chosen value in as is, several as (a|b); Loki anchors the regex.
        const matches = (chosen: string, level: string) => {
            const re = pattern.replace("$level", chosen).replace("(?i)", "");
            return new RegExp(`^(?:${re})$`, "i").test(level);
        };
        for (const level of ["warn", "WARN", "warning", "WARNING"]) {
            assert.ok(matches("warn", level), level);
        }
        assert.ok(!matches("warn", "info"));
        assert.ok(matches("(error|warn)", "Warning"));
        assert.ok(matches(vars.level.allValue as string, ""));
    });

    it("graphs line counts per namespace and app", () => {
        assert.match(exprsOf(model, "Log lines by app")[0], /^sum by \(namespace, app\) \(count_over_time\(\{namespace=~"\$namespace", app=~"\$app"\}/);
    });
});
