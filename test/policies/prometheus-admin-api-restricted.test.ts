import * as assert from "assert";
import { prometheusAdminApiRestricted } from "../../policies/prometheus-admin-api-restricted";
import * as fx from "../fixtures/policies/objects";
import { checkStack, mandatory, PolicyObject, runPack } from "./harness";
import { packConfig } from "./pack-config";

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Prometheus as the backups turn it (backups.prometheus): the admin API on. */
const adminApi = () => fx.withField(fx.prometheus(), "props.spec.enableAdminAPI", true);

/** The prod baseline with the admin API on and, when given, an extra NetworkPolicy next to the chart's. */
function stack(extra?: PolicyObject, prometheus = adminApi()): PolicyObject[] {
    const objects = [...fx.baselineStack().filter((o) => o.type !== prometheus.type), prometheus];
    return extra === undefined ? objects : [...objects, extra];
}

/** A second NetworkPolicy on the Prometheus pods with one ingress rule. */
function extraRule(rule: Record<string, unknown>): PolicyObject {
    const policy = fx.withField(fx.withField(fx.prometheusNetworkPolicy(), "props.spec.ingress", [rule]), "props.metadata.name", "query-from-apps");
    return { ...policy, name: "query-from-apps" };
}

const WHOLE_CLUSTER = { from: [{ namespaceSelector: {} }] };

describe("policy prometheus-admin-api-restricted", () => {
    it("passes the admin API behind the chart's NetworkPolicy, which admits the stack's namespace only", async () => {
        assert.deepStrictEqual(await checkStack(prometheusAdminApiRestricted, stack()), []);
    });

    it("passes a Prometheus without the admin API and without any NetworkPolicy", async () => {
        const objects = fx.baselineStack().filter((o) => o.type !== NETWORK_POLICY);
        assert.deepStrictEqual(await checkStack(prometheusAdminApiRestricted, objects), []);
    });

    it("rejects the admin API without NetworkPolicies in prod, and only advises in dev", async () => {
        const objects = stack().filter((o) => o.type !== NETWORK_POLICY);
        const [message, ...rest] = await checkStack(prometheusAdminApiRestricted, objects);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^Prometheus kps-prometheus enables the admin API \(spec\.enableAdminAPI\), but no NetworkPolicy for ingress selects its pods, so anyone who can run a pod can delete series/);
        assert.match(message, /turn NetworkPolicies on \(stack config protection\.networkPolicies; .*\), or turn the admin API off \(backups\.prometheus: false/);
        assert.strictEqual(mandatory(await runPack([prometheusAdminApiRestricted], objects, packConfig("prod"))).length, 1);
        const dev = await runPack([prometheusAdminApiRestricted], objects, packConfig("dev"));
        assert.deepStrictEqual(dev.map((v) => v.enforcementLevel), ["advisory"]);
    });

    it("rejects a second NetworkPolicy that opens the web port to every namespace, since policies add up", async () => {
        const [message] = await checkStack(prometheusAdminApiRestricted, stack(extraRule({ ...WHOLE_CLUSTER, ports: [{ port: 9090 }] })));
        assert.match(message, /NetworkPolicy query-from-apps ingress\[0\] admits pods in every namespace \(namespaceSelector: \{\}\) to its web port 9090/);
    });

    it("rejects the web port by its name, in a port range, without ports and without a port number", async () => {
        const portName = (p: PolicyObject) => fx.withField(p, "props.spec.portName", "http-web");
        const cases: [string, Record<string, unknown>][] = [
            ["named", { ...WHOLE_CLUSTER, ports: [{ port: "http-web" }] }],
            ["range", { ...WHOLE_CLUSTER, ports: [{ port: 9000, endPort: 9100, protocol: "TCP" }] }],
            ["all ports", WHOLE_CLUSTER],
            ["all TCP ports", { ...WHOLE_CLUSTER, ports: [{ protocol: "TCP" }] }],
            ["no from", { ports: [{ port: 9090 }] }],
            ["every address", { from: [{ ipBlock: { cidr: "::/0" } }], ports: [{ port: 9090 }] }],
        ];
        for (const [what, rule] of cases) {
            assert.strictEqual((await checkStack(prometheusAdminApiRestricted, stack(extraRule(rule), portName(adminApi())))).length, 1, what);
        }
    });

    it("accepts the whole cluster on other ports, UDP and chosen namespaces on the web port", async () => {
        const cases: [string, Record<string, unknown>][] = [
            ["reloader port", { ...WHOLE_CLUSTER, ports: [{ port: 8080 }] }],
            ["another name", { ...WHOLE_CLUSTER, ports: [{ port: "reloader-web" }] }],
            ["UDP", { ...WHOLE_CLUSTER, ports: [{ port: 9090, protocol: "UDP" }] }],
            ["chosen namespace", { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "backup" } } }], ports: [{ port: 9090 }] }],
            ["outside host", { from: [{ ipBlock: { cidr: "192.0.2.10/32" } }], ports: [{ port: 9090 }] }],
        ];
        for (const [what, rule] of cases) {
            assert.deepStrictEqual(await checkStack(prometheusAdminApiRestricted, stack(extraRule(rule))), [], what);
        }
    });

    it("accepts a Prometheus that listens on localhost only, whatever its NetworkPolicies", async () => {
        const local = fx.withField(adminApi(), "props.spec.listenLocal", true);
        assert.deepStrictEqual(await checkStack(prometheusAdminApiRestricted, stack(extraRule(WHOLE_CLUSTER), local)), []);
    });
});
