import * as assert from "assert";
import type { ConfigTree } from "../../../components/presets";
import { configProblem, stackConfig } from "../../helpers/config";

describe("log settings validation (schema/logs.ts)", () => {
    const bad: [string, ConfigTree, string, RegExp][] = [
        ["a retention below the 24h index period", { loki: { retention: "12h" } }, "loki.retention", /whole multiple of the 24h index period/],
        ["a retention of 0d", { loki: { retention: "0d" } }, "loki.retention", /above zero/],
        ["a retention of 1d12h", { loki: { retention: "1d12h" } }, "loki.retention", /got "1d12h"/],
        ["a retention in words", { loki: { retention: "one week" } }, "loki.retention", /Prometheus duration/],
        ["an unknown log agent", { logAgent: { kind: "fluent-bit" } }, "logAgent.kind", /one of promtail, alloy/],
        ["a relative audit host path", { logAgent: { auditLogs: { enabled: true, hostPath: "var/log/audit" } } }, "logAgent.auditLogs.hostPath", /absolute host path/],
        ["an audit host path with a space", { logAgent: { auditLogs: { enabled: true, hostPath: "/var/log/kube audit" } } }, "logAgent.auditLogs.hostPath", /absolute host path/],
        ["an audit host path with '..'", { logAgent: { auditLogs: { enabled: false, hostPath: "/var/log/../etc" } } }, "logAgent.auditLogs.hostPath", /without '\.\.'/],
        ["a burst below the rate", { loki: { ingestion: { rateMb: 10, burstMb: 5 } } }, "loki.ingestion.burstMb", /at least rateMb/],
        ["a negative stream limit", { loki: { ingestion: { maxStreamsPerUser: -1 } } }, "loki.ingestion.maxStreamsPerUser", /whole number of streams/],
        ["a Loki volume without a unit that parses", { loki: { volumeSize: "big" } }, "loki.volumeSize", /quantity such as 100Gi/],
        ["four event exporter replicas", { eventExporter: { replicas: 4 } }, "eventExporter.replicas", /1, 2 or 3 replicas/],
        ["an unknown logAgent key", { logAgent: { image: "x" } }, "logAgent.image", /unknown key/],
    ];
    for (const [why, overrides, key, expects] of bad) {
        it(`rejects ${why}, naming observability:${key}`, () => {
            assert.match(configProblem(overrides, key), expects);
        });
    }

    it("rejects a prod Loki without a storage class anywhere, naming storage.className", () => {
        assert.match(configProblem({ storage: { className: undefined } }, "storage.className", "prod"), /loki\.storageClass/);
    });

    it("accepts whole days in either spelling, and Alloy", () => {
        assert.strictEqual(stackConfig("dev", { loki: { retention: "720h" } }).loki.retention, "720h");
        assert.strictEqual(stackConfig("dev", { loki: { retention: "2w" } }).loki.retention, "2w");
        assert.strictEqual(stackConfig("prod", { logAgent: { kind: "alloy" } }).logAgent.kind, "alloy");
    });

    it("defaults to Promtail, audit logs off at /var/log/kubernetes/audit, and the event exporter on", () => {
        const dev = stackConfig("dev");
        assert.deepStrictEqual([dev.logAgent.kind, dev.logAgent.auditLogs], ["promtail", { enabled: false, hostPath: "/var/log/kubernetes/audit" }]);
        assert.deepStrictEqual([dev.eventExporter.enabled, dev.eventExporter.replicas, stackConfig("prod").eventExporter.replicas], [true, 1, 2]);
    });
});
