import * as assert from "assert";
import { appRuleGroups, ruleFile, stackRuleGroups, SUPERSEDED_DEFAULT_RULES } from "../../../components/builders/rules/stack";
import { STACK_JOBS } from "../../../components/builders/rules/targets";
import type { AlertRule } from "../../../components/builders/rules/types";
import { stackConfig } from "../../helpers/config";

const rulesOf = (groups: { rules: AlertRule[] }[]) => groups.flatMap((g) => g.rules);
const byName = (rules: AlertRule[], alert: string) => rules.filter((r) => r.alert === alert);

describe("stack self-monitoring rules", () => {
    const prod = stackRuleGroups(stackConfig("prod"));
    const rules = rulesOf(prod);

    it("watches Prometheus, Alertmanager, Loki, the log agent, the event exporter, audit logs and volumes", () => {
        assert.deepStrictEqual(prod.map((g) => g.name), [
            "observability-stack.prometheus",
            "observability-stack.alertmanager",
            "observability-stack.loki",
            "observability-stack.log-agent",
            "observability-stack.event-exporter",
            "observability-stack.audit-logs",
            "observability-stack.volumes",
        ]);
    });

    it("gives every rule a severity, a service and a summary and description", () => {
        for (const r of rulesOf([...prod, ...appRuleGroups(stackConfig("prod"))])) {
            assert.match(r.labels.severity, /^(critical|warning|info)$/, r.alert);
            assert.ok(r.labels.service.length > 0, r.alert);
            assert.ok(r.annotations.summary.length > 0 && r.annotations.description.length > 0, r.alert);
        }
    });

    it("finds each component by the job its ServiceMonitor produces, in the stack namespace", () => {
        const down = (alert: string) => byName(rules, alert)[0].expr;
        assert.match(down("PrometheusDown"), /up\{job="kps-prometheus", namespace="monitoring"\} == 0 or absent\(/);
        assert.match(down("AlertmanagerDown"), /job="kps-alertmanager"/);
        assert.match(down("LokiDown"), new RegExp(`job="${STACK_JOBS.loki}"`));
        assert.match(down("LogAgentDown"), /job="log-agent"/);
        assert.match(down("EventExporterDown"), /job="event-exporter"/);
        assert.match(stackRuleGroups(stackConfig("prod", { namespace: "obs" }))[0].rules[0].expr, /namespace="obs"/);
    });

    it("alerts on TSDB compaction failures, WAL corruption and WAL write failures", () => {
        assert.match(byName(rules, "PrometheusTSDBCompactionsFailing")[0].expr, /increase\(prometheus_tsdb_compactions_failed_total\{.*\}\[3h\]\)\) > 0/);
        assert.match(byName(rules, "PrometheusWALCorruptions")[0].expr, /prometheus_tsdb_wal_corruptions_total/);
        assert.strictEqual(byName(rules, "PrometheusWALWritesFailing")[0].labels.severity, "critical");
    });

    it("pages when Alertmanager fails to deliver more than 1% of notifications of an integration", () => {
        const [r] = byName(rules, "AlertmanagerNotificationsFailing");
        assert.match(r.expr, /sum by \(namespace, pod, integration\) \(rate\(alertmanager_notifications_failed_total.*> 0\.01$/);
        assert.strictEqual(r.labels.severity, "critical");
    });

    it("disables every chart alert that pages for the same Alertmanager delivery failure", () => {
        for (const alert of ["AlertmanagerFailedToSendAlerts", "AlertmanagerClusterFailedToSendAlerts"]) {
            assert.ok((SUPERSEDED_DEFAULT_RULES as readonly string[]).includes(alert), alert);
        }
    });

    it("fires the critical volume alert after 1m, with the chart's twin, so Alertmanager mutes the twin before either is sent", () => {
        const [, critical] = byName(rules, "StackVolumeFillingUp");
        assert.strictEqual(critical.for, "1m");
    });

    it("warns on a volume that trends to full within 4 days and is critical under 3% free, under one alert name", () => {
        const volume = byName(rules, "StackVolumeFillingUp");
        assert.deepStrictEqual(volume.map((r) => r.labels.severity), ["warning", "critical"]);
        assert.match(volume[0].expr, /< 0\.15 and predict_linear\(kubelet_volume_stats_available_bytes\{namespace="monitoring"\}\[6h\], 4 \* 24 \* 3600\) < 0$/);
        assert.match(volume[1].expr, /kubelet_volume_stats_capacity_bytes\{namespace="monitoring"\} < 0\.03$/);
    });

    it("uses Promtail's metric names for Promtail and Alloy's for Alloy", () => {
        assert.match(byName(rules, "LogAgentDroppingEntries")[0].expr, /promtail_dropped_entries_total/);
        const alloy = rulesOf(stackRuleGroups(stackConfig("prod", { logAgent: { kind: "alloy" } })));
        assert.match(byName(alloy, "LogAgentDroppingEntries")[0].expr, /loki_write_dropped_entries_total/);
        assert.match(byName(alloy, "AuditLogShippingStopped")[0].expr, /loki_source_file_read_bytes_total/);
    });

    it("routes a stopped audit-log pipeline to the security team", () => {
        const [r] = byName(rules, "AuditLogShippingStopped");
        assert.strictEqual(r.labels.service, "security");
        assert.match(r.expr, /path=~"\/var\/log\/kubernetes\/audit\/\.\*"/);
    });

    it("leaves out the audit-log and event-exporter rules when those are off", () => {
        const dev = stackRuleGroups(stackConfig("dev", { eventExporter: { enabled: false } })).map((g) => g.name);
        assert.ok(!dev.includes("observability-stack.audit-logs"));
        assert.ok(!dev.includes("observability-stack.event-exporter"));
    });

    it("writes one rule file with the stack groups, then each app's group followed by its SLO group", () => {
        const names = ruleFile(stackConfig("prod")).groups.map((g) => g.name);
        assert.deepStrictEqual(names.slice(-4), ["app.shop.checkout", "slo.shop.checkout", "app.shop.catalog", "slo.shop.catalog"]);
        assert.deepStrictEqual(ruleFile(stackConfig("dev")).groups.map((g) => g.name).slice(-1), ["app.shop.checkout"]);
    });
});
