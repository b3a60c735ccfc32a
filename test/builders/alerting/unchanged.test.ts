/**
 * Stacks written before named receivers, routes, time intervals and alerts from config keep
 * their Alertmanager config: the stack files as they were produce exactly the fixtures, which
 * hold what they produced then.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { alertmanagerConfig } from "../../../components/builders/alertmanager-config";
import { resolveConfig } from "../../../components/config";
import { isTree } from "../../../components/config-issues";
import type { ConfigTree } from "../../../components/presets";
import { ROOT, stackFileConfig, toRaw } from "../../helpers/config";

const NEW_ALERTING_KEYS = ["metricAlerts", "logAlerts", "routes", "timeIntervals"];
const NEW_APP_KEYS = ["metricAlerts", "logAlerts"];
const BUILT_IN = ["default", "onCall", "security"];

/** A stack file without the keys this feature added, as it was before (dev has none of them). */
export function withoutNewKeys(tree: ConfigTree): ConfigTree {
    const alerting = tree.alerting as ConfigTree;
    const receivers = alerting.receivers as ConfigTree;
    const apps = (tree.apps as ConfigTree[]).map((app) => {
        const alerts = isTree(app.alerts) ? Object.fromEntries(Object.entries(app.alerts).filter(([k]) => k !== "errorLogLinesPerMinute")) : undefined;
        const kept = Object.fromEntries(Object.entries(app).filter(([k]) => !NEW_APP_KEYS.includes(k) && k !== "alerts"));
        return alerts === undefined || Object.keys(alerts).length === 0 ? kept : { ...kept, alerts };
    });
    return {
        ...tree,
        alerting: {
            ...Object.fromEntries(Object.entries(alerting).filter(([k]) => !NEW_ALERTING_KEYS.includes(k))),
            receivers: Object.fromEntries(Object.entries(receivers).filter(([k]) => BUILT_IN.includes(k))),
        },
        apps,
    };
}

describe("Alertmanager config of the stack files written before alerting as code", () => {
    for (const stack of ["dev", "prod"]) {
        it(`is, for ${stack}, the global settings, routing tree and receivers it was`, () => {
            const config = resolveConfig(toRaw(withoutNewKeys(stackFileConfig(stack))), stack, { smtpPassword: false, slackWebhookUrl: false, webhookUrls: [] });
            const am = alertmanagerConfig(config);
            const expected = YAML.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "alertmanager", `${stack}.yaml`), "utf8"));
            assert.deepStrictEqual({ global: am.global, route: am.route, receivers: am.receivers }, expected);
            assert.strictEqual(am.time_intervals, undefined, "no time_intervals key");
        });
    }

    it("takes the dev stack file exactly as it is", () => {
        assert.deepStrictEqual(withoutNewKeys(stackFileConfig("dev")), stackFileConfig("dev"));
    });
});
