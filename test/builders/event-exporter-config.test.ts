import * as assert from "assert";
import * as YAML from "yaml";
import {
    EVENT_EXPORTER_LEASE,
    EVENT_LAYOUT,
    eventExporterConfig,
    eventExporterConfigYaml,
} from "../../components/builders/event-exporter-config";
import { eventExporterClusterRules, eventExporterLeaseRules } from "../../components/builders/event-exporter-rbac";

/* eslint-disable @typescript-eslint/no-explicit-any */
const input = { pushUrl: "http://loki.monitoring.svc:3100/loki/api/v1/push", cluster: "prod" };

describe("eventExporterConfig", () => {
    const config = eventExporterConfig(input) as any;

    it("routes every event to the one Loki receiver", () => {
        assert.deepStrictEqual(config.route, { routes: [{ match: [{ receiver: "loki" }] }] });
        assert.deepStrictEqual(config.receivers.map((r: any) => r.name), ["loki"]);
        assert.strictEqual(config.receivers[0].loki.url, input.pushUrl);
    });

    it("labels the streams job=kubernetes-event and cluster=<cluster name>, nothing per event", () => {
        assert.deepStrictEqual(config.receivers[0].loki.streamLabels, { job: "kubernetes-event", cluster: "prod" });
    });

    it("writes each event as JSON with type, reason, message and the involved object", () => {
        const layout = config.receivers[0].loki.layout;
        assert.strictEqual(layout, EVENT_LAYOUT);
        assert.deepStrictEqual(
            [layout.type, layout.reason, layout.message, layout.involvedObject.kind, layout.involvedObject.name],
            ["{{ .Type }}", "{{ .Reason }}", "{{ .Message }}", "{{ .InvolvedObject.Kind }}", "{{ .InvolvedObject.Name }}"],
        );
    });

    it("elects a leader over a Lease and skips lookups that would need read access to everything", () => {
        assert.deepStrictEqual(config.leaderElection, { enabled: true, leaderElectionID: EVENT_EXPORTER_LEASE });
        assert.strictEqual(config.omitLookup, true);
        assert.strictEqual(config.clusterName, "prod");
    });

    it("renders YAML that reads back unchanged and holds no $ (the exporter expands environment variables)", () => {
        const text = eventExporterConfigYaml(input);
        assert.deepStrictEqual(YAML.parse(text), eventExporterConfig(input));
        assert.ok(!text.includes("$"));
    });
});

describe("event exporter RBAC", () => {
    const all = [...eventExporterClusterRules(), ...eventExporterLeaseRules()];

    it("reads events cluster-wide and nothing else", () => {
        assert.deepStrictEqual(eventExporterClusterRules(), [{ apiGroups: [""], resources: ["events"], verbs: ["get", "list", "watch"] }]);
    });

    it("has no write verb outside coordination.k8s.io leases", () => {
        for (const rule of all) {
            const writes = rule.verbs.filter((v) => !["get", "list", "watch"].includes(v));
            if (writes.length > 0) {
                assert.deepStrictEqual([rule.apiGroups, rule.resources], [["coordination.k8s.io"], ["leases"]]);
            }
        }
        assert.ok(!all.some((r) => r.verbs.includes("*") || r.resources.includes("*") || r.apiGroups.includes("*")));
    });

    it("may update and read only its own Lease by name, and create leases (names cannot bind create)", () => {
        assert.deepStrictEqual(eventExporterLeaseRules(), [
            { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
            { apiGroups: ["coordination.k8s.io"], resources: ["leases"], resourceNames: [EVENT_EXPORTER_LEASE], verbs: ["get", "update"] },
        ]);
    });
});
