/**
 * Tier 3: the notification templates reach Alertmanager through the rendered chart. The chart
 * writes `alertmanager.templateFiles` into the config Secret beside alertmanager.yaml, which the
 * operator mounts at /etc/alertmanager/config, and the config's `templates` names that file.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import * as YAML from "yaml";
import { ALERTMANAGER_CONFIG_DIR, NOTIFICATION_TEMPLATE_FILE, notificationTemplates } from "../../components/builders/notifications/templates";
import { runProgram } from "../helpers/program";
import { programObjects } from "../policies/program-objects";
import { CHART_TYPE, helmVersion, renderChart } from "./helm";

describe("notification templates in the rendered chart", function () {
    before(function () {
        if (helmVersion() === undefined) {
            console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
            this.skip();
        }
    });

    it("puts the template file beside alertmanager.yaml in the config Secret, and the config loads it from there", async function () {
        const own = programObjects((await runProgram("prod")).mocks.resources);
        const chart = own.find((o) => o.type === CHART_TYPE && o.props.chart === "kube-prometheus-stack");
        assert.ok(chart, "no kube-prometheus-stack Chart");
        const rendered = renderChart(chart);
        if ("skipped" in rendered) {
            console.log(`    skipped: ${rendered.skipped}`);
            this.skip();
        }
        const secret = rendered.objects.find((o) => o.type === "kubernetes:core/v1:Secret" && typeof o.props.data?.["alertmanager.yaml"] === "string");
        assert.ok(secret, "no Secret with alertmanager.yaml");
        const decode = (key: string) => Buffer.from(secret.props.data[key], "base64").toString("utf8");
        assert.strictEqual(decode(NOTIFICATION_TEMPLATE_FILE), notificationTemplates());
        const config = YAML.parse(decode("alertmanager.yaml"));
        assert.deepStrictEqual(config.templates, [`${ALERTMANAGER_CONFIG_DIR}/${NOTIFICATION_TEMPLATE_FILE}`]);
        assert.ok(config.receivers.some((r: { name: string }) => r.name === "payments"), "the prod example's team receiver");
    });
});
