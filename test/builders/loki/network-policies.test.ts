import * as assert from "assert";
import { lokiFromKubeBenchPolicySpec } from "../../../components/builders/kube-bench/network-policy";
import { LOKI_GATEWAY_POD_LABELS, LOKI_RELEASE_POD_LABELS } from "../../../components/builders/loki/distributed-network-policy";
import { lokiNetworkPolicies } from "../../../components/builders/loki/network-policies";
import { LOKI_CLIENTS, LOKI_POD_LABELS, lokiNetworkPolicySpec } from "../../../components/builders/loki-network-policy";

/* eslint-disable @typescript-eslint/no-explicit-any */
const ports = (rule: any) => rule.ports.map((p: any) => p.port).sort((a: number, b: number) => a - b);
const sources = (rule: any) => rule.from.map((f: any) => f.podSelector.matchLabels);

describe("Loki's NetworkPolicies", () => {
    it("keeps the single binary's one policy in monolithic mode", () => {
        assert.deepStrictEqual(lokiNetworkPolicies("monolithic"), [{ role: "network-policy", name: "loki", spec: lokiNetworkPolicySpec() }]);
    });

    describe("in distributed mode", () => {
        const [components, gateway] = lokiNetworkPolicies("distributed");

        it("creates one policy for every pod of the release and one for the gateway", () => {
            assert.deepStrictEqual([components.name, components.role, gateway.name, gateway.role], ["loki", "network-policy", "loki-gateway", "gateway-network-policy"]);
            assert.deepStrictEqual((components.spec as any).podSelector.matchLabels, LOKI_RELEASE_POD_LABELS);
            assert.deepStrictEqual((gateway.spec as any).podSelector.matchLabels, { ...LOKI_RELEASE_POD_LABELS, "app.kubernetes.io/component": "gateway" });
        });

        it("admits the agents, the event exporter and Grafana only to the gateway's nginx port", () => {
            const rules = (gateway.spec as any).ingress;
            assert.strictEqual(rules.length, 1);
            assert.deepStrictEqual(ports(rules[0]), [8080]);
            assert.deepStrictEqual(sources(rules[0]), [LOKI_CLIENTS.logAgent, LOKI_CLIENTS.eventExporter, LOKI_CLIENTS.grafana]);
            const componentSources = (components.spec as any).ingress.flatMap(sources);
            for (const client of [LOKI_CLIENTS.logAgent, LOKI_CLIENTS.eventExporter, LOKI_CLIENTS.grafana]) {
                assert.ok(!componentSources.some((s: any) => JSON.stringify(s) === JSON.stringify(client)), JSON.stringify(client));
            }
        });

        it("lets the components reach each other on HTTP, gRPC and memberlist, and Prometheus scrape HTTP only", () => {
            const [peers, scrapes] = (components.spec as any).ingress;
            assert.deepStrictEqual([sources(peers), ports(peers)], [[LOKI_RELEASE_POD_LABELS], [3100, 7946, 9095]]);
            assert.deepStrictEqual([sources(scrapes), ports(scrapes)], [[LOKI_CLIENTS.prometheus], [3100]]);
        });

        it("admits kube-bench's push at the gateway instead of the single binary", () => {
            const spec = lokiFromKubeBenchPolicySpec("distributed");
            assert.deepStrictEqual([spec.podSelector.matchLabels, ports(spec.ingress[0])], [LOKI_GATEWAY_POD_LABELS, [8080]]);
            const mono = lokiFromKubeBenchPolicySpec("monolithic");
            assert.deepStrictEqual([mono.podSelector.matchLabels, ports(mono.ingress[0])], [LOKI_POD_LABELS, [3100]]);
        });
    });
});
