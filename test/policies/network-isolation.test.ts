import * as assert from "assert";
import { networkIsolation } from "../../policies/network-isolation";
import * as fx from "../fixtures/policies/objects";
import { checkStack, mandatory, PolicyObject, runPack } from "./harness";
import { packConfig, policyConfig } from "./pack-config";

const NAME = "network-isolation";
const prod = policyConfig("prod", NAME);
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The baseline without any NetworkPolicy, as a stack with protection.networkPolicies off renders. */
const withoutNetworkPolicies = () => fx.baselineStack().filter((o) => o.type !== NETWORK_POLICY);

/** The baseline with one NetworkPolicy replaced. */
function replacing(policy: PolicyObject): PolicyObject[] {
    return [...fx.baselineStack().filter((o) => o.type !== NETWORK_POLICY || o.name !== policy.name), policy];
}

describe("policy network-isolation", () => {
    it("passes the prod NetworkPolicies: each component admits its namespace or named clients", async () => {
        assert.deepStrictEqual(await checkStack(networkIsolation, fx.baselineStack(), prod), []);
    });

    it("rejects every component without a NetworkPolicy in prod, and only advises in dev", async () => {
        const messages = await checkStack(networkIsolation, withoutNetworkPolicies(), prod);
        assert.deepStrictEqual(messages.map((m) => m.split(" is selected")[0]).sort(), ["Alertmanager kps-alertmanager", "Grafana grafana", "Loki loki", "Prometheus kps-prometheus"]);
        assert.match(messages[0], /is selected by no NetworkPolicy for ingress in namespace monitoring, so every pod in the cluster can reach it; turn NetworkPolicies on \(stack config protection\.networkPolicies\)/);
        const dev = await runPack([networkIsolation], withoutNetworkPolicies(), packConfig("dev"));
        assert.strictEqual(dev.length, 4);
        assert.deepStrictEqual(mandatory(dev), []);
    });

    it("checks only the components the stack's config lists", async () => {
        const messages = await checkStack(networkIsolation, withoutNetworkPolicies(), { components: ["loki"] });
        assert.deepStrictEqual(messages.map((m) => m.split(" is selected")[0]), ["Loki loki"]);
    });

    it("rejects a rule that admits every source on every port, whatever the other rules say", async () => {
        const open = fx.withField(fx.grafanaNetworkPolicy(), "props.spec.ingress.0.ports", undefined);
        const [message, ...rest] = await checkStack(networkIsolation, replacing(open), prod);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^Grafana grafana accepts every source \(no `from`\) on every port through NetworkPolicy grafana ingress\[0\]/);
    });

    it("rejects every namespace or every address on every port, and accepts them on one port", async () => {
        for (const peer of [{ namespaceSelector: {} }, { namespaceSelector: {}, podSelector: { matchLabels: { role: "client" } } }, { ipBlock: { cidr: "0.0.0.0/0" } }]) {
            const rule = fx.withField(fx.alertmanagerNetworkPolicy(), "props.spec.ingress.3", { from: [peer] });
            const messages = await checkStack(networkIsolation, replacing(rule), prod);
            assert.strictEqual(messages.length, 1, JSON.stringify(peer));
            assert.match(messages[0], /^Alertmanager kps-alertmanager accepts (pods in every namespace|every address) .* ingress\[3\]/);
            const onePort = fx.withField(rule, "props.spec.ingress.3.ports", [{ port: 9093, protocol: "TCP" }]);
            assert.deepStrictEqual(await checkStack(networkIsolation, replacing(onePort), prod), [], JSON.stringify(peer));
        }
    });

    it("accepts chosen namespaces and outside hosts on every port", async () => {
        for (const peer of [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }, { ipBlock: { cidr: "192.0.2.10/32" } }]) {
            const rule = fx.withField(fx.prometheusNetworkPolicy(), "props.spec.ingress.1", { from: [peer] });
            assert.deepStrictEqual(await checkStack(networkIsolation, replacing(rule), prod), [], JSON.stringify(peer));
        }
    });

    it("does not count a NetworkPolicy in another namespace, for other pods or for egress only", async () => {
        const cases: [string, PolicyObject][] = [
            ["another namespace", fx.withField(fx.lokiNetworkPolicy(), "props.metadata.namespace", "logging")],
            ["other pods", fx.withField(fx.lokiNetworkPolicy(), "props.spec.podSelector.matchLabels", { "app.kubernetes.io/name": "loki-canary" })],
            ["egress only", fx.withField(fx.lokiNetworkPolicy(), "props.spec.policyTypes", ["Egress"])],
        ];
        for (const [what, policy] of cases) {
            const messages = await checkStack(networkIsolation, replacing(policy), prod);
            assert.deepStrictEqual(messages.map((m) => m.split(" is selected")[0]), ["Loki loki"], what);
        }
    });

    it("counts a default-deny policy for the whole namespace and a policy without policyTypes as isolating", async () => {
        const defaultDeny = fx.withField(fx.lokiNetworkPolicy(), "props.spec", { podSelector: {}, policyTypes: ["Ingress"] });
        assert.deepStrictEqual(await checkStack(networkIsolation, replacing(defaultDeny), prod), []);
        const untyped = fx.withField(fx.lokiNetworkPolicy(), "props.spec.policyTypes", undefined);
        assert.deepStrictEqual(await checkStack(networkIsolation, replacing(untyped), prod), []);
    });

    it("finds the operator's pods through the labels it gives them, including spec.podMetadata", async () => {
        const byPodMetadata = fx.withField(fx.prometheusNetworkPolicy(), "props.spec.podSelector", { matchLabels: { team: "platform" } });
        const objects = replacing(byPodMetadata);
        assert.strictEqual((await checkStack(networkIsolation, objects, prod)).length, 1);
        const labelled = objects.map((o) => (o.name === fx.prometheus().name ? fx.withField(o, "props.spec.podMetadata", { labels: { team: "platform" } }) : o));
        assert.deepStrictEqual(await checkStack(networkIsolation, labelled, prod), []);
    });
});
