/**
 * The pack over what the program registers for each stack, with that stack's policy config:
 * the program's own objects plus stand-ins built from each chart's values (see chart-values.ts).
 */
import * as assert from "assert";
import { POLICIES } from "../../policies/pack";
import { LONG_TERM, distributedLoki } from "../helpers/object-storage";
import { runProgram } from "../helpers/program";
import { chartStandIns } from "./chart-values";
import { mandatory, PolicyObject, runPack, Violation } from "./harness";
import { packConfig } from "./pack-config";
import { programObjects } from "./program-objects";

async function evaluate(stack: string, overrides: Record<string, unknown> = {}): Promise<{ objects: PolicyObject[]; violations: Violation[] }> {
    const run = await runProgram(stack, overrides);
    const own = programObjects(run.mocks.resources);
    const objects = [...own, ...chartStandIns(own)];
    return { objects, violations: await runPack(POLICIES, objects, packConfig(stack)) };
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.policy} [${v.enforcementLevel}] ${v.message}`).join("\n");

/** Mandatory violations a config change adds to the stack file as it is. */
async function added(stack: string, overrides: Record<string, unknown>): Promise<Violation[]> {
    const before = new Set(mandatory((await evaluate(stack)).violations).map((v) => `${v.policy}|${v.message}`));
    return mandatory((await evaluate(stack, overrides)).violations).filter((v) => !before.has(`${v.policy}|${v.message}`));
}

describe("policy pack over the program under mocks", () => {
    for (const stack of ["dev", "prod"]) {
        it(`finds no mandatory violation in the ${stack} stack`, async () => {
            const { objects, violations } = await evaluate(stack);
            assert.ok(objects.some((o) => o.type === "kubernetes:monitoring.coreos.com/v1:Prometheus"), "no Prometheus stand-in: is the kube-prometheus-stack chart registered?");
            assert.deepStrictEqual(mandatory(violations), [], describeViolations(mandatory(violations)));
        });
    }

    for (const stack of ["dev", "prod"]) {
        it(`finds no mandatory violation in the ${stack} stack with Loki distributed on the object store`, async () => {
            const { objects, violations } = await evaluate(stack, distributedLoki());
            assert.ok(objects.some((o) => o.type === "kubernetes:core/v1:ConfigMap" && /object_store: s3/.test(o.props.data?.["config.yaml"] ?? "")), "no Loki config stand-in on s3");
            assert.deepStrictEqual(mandatory(violations), [], describeViolations(mandatory(violations)));
        });
    }

    it("finds no mandatory violation in prod with long-term metrics, whose objstore Secret holds no keys", async () => {
        const { objects, violations } = await evaluate("prod", LONG_TERM);
        assert.ok(objects.some((o) => o.type === "kubernetes:core/v1:Secret" && o.props.metadata?.name === "thanos-objstore"), "no objstore Secret registered");
        assert.deepStrictEqual(mandatory(violations), [], describeViolations(mandatory(violations)));
    });

    it("protects the Grafana claim in prod, as stateful-resources-protected requires", async () => {
        const { objects } = await evaluate("prod");
        const claims = objects.filter((o) => o.type === "kubernetes:core/v1:PersistentVolumeClaim");
        assert.ok(claims.length > 0 && claims.every((c) => c.opts?.protect === true));
    });

    it("rejects prod with 3d of Prometheus retention", async () => {
        // Without apps: prod's SLO windows (7d at the least) do not fit 3d of retention, which
        // config validation refuses before any policy runs.
        const violations = await added("prod", { prometheus: { retention: "3d" }, apps: [] });
        assert.deepStrictEqual(violations.map((v) => v.policy), ["prometheus-retention"], describeViolations(violations));
        assert.match(violations[0].message, /spec\.retention is 3d .*shorter than the 15d this stack requires/);
    });

    it("rejects prod without Grafana persistence, which dev accepts", async () => {
        const prod = await added("prod", { grafana: { persistence: { enabled: false } } });
        assert.deepStrictEqual(prod.map((v) => v.policy), ["persistent-storage"], describeViolations(prod));
        assert.match(prod[0].message, /^Grafana grafana mounts its `storage` volume from emptyDir/);
        assert.deepStrictEqual(await added("dev", { grafana: { persistence: { enabled: false } } }), []);
    });

    // Above the volume itself the config is refused before the policy runs (config.invalid.test.ts).
    it("rejects a retentionSize above the policy's share of the Prometheus volume", async () => {
        const sized = await added("prod", { prometheus: { retentionSize: "190GB" } });
        assert.deepStrictEqual(sized.map((v) => v.policy), ["prometheus-retention-size"], describeViolations(sized));
        assert.match(sized[0].message, /retentionSize 190GB \(190Gi; Prometheus reads GB as GiB\) is 95% of its 200Gi volume/);
    });

    it("rejects prod with a single Prometheus replica", async () => {
        const violations = await added("prod", { prometheus: { replicas: 1 } });
        assert.ok(violations.some((v) => v.policy === "ha-replicas-and-disruption-budgets" && /runs 1 replica/.test(v.message)), describeViolations(violations));
    });

    it("rejects prod with NetworkPolicies off, which dev runs without", async () => {
        const violations = await added("prod", { protection: { networkPolicies: false } });
        assert.deepStrictEqual([...new Set(violations.map((v) => v.policy))], ["network-isolation"], describeViolations(violations));
        assert.deepStrictEqual(violations.map((v) => v.message.split(" is selected")[0]).sort(), ["Alertmanager kps-alertmanager", "Grafana grafana", "Prometheus kps-prometheus"]);
    });

    it("rejects prod with the backups' admin API and NetworkPolicies off, and passes it with them on", async () => {
        const backups = { enabled: true, target: { kind: "pvc", size: "50Gi" } };
        assert.deepStrictEqual(await added("prod", { backups }), []);
        const violations = await added("prod", { backups, protection: { networkPolicies: false } });
        assert.ok(violations.some((v) => v.policy === "prometheus-admin-api-restricted" && /^Prometheus kps-prometheus enables the admin API/.test(v.message)), describeViolations(violations));
    });

    it("rejects prod's Grafana Ingress without cert-manager and without tlsSecretName", async () => {
        const violations = await added("prod", { cluster: { certManager: { enabled: false } }, grafana: { ingress: { tlsSecretName: undefined } } });
        assert.deepStrictEqual(violations.map((v) => v.policy), ["ingress-tls"], describeViolations(violations));
        assert.match(violations[0].message, /^Ingress grafana serves host grafana\.prod\.example\.com without TLS/);
        assert.deepStrictEqual(await added("prod", { cluster: { certManager: { enabled: false } } }), []);
    });

    it("rejects a single-replica event exporter in prod", async () => {
        const violations = await added("prod", { eventExporter: { replicas: 1 } });
        assert.deepStrictEqual(violations.map((v) => v.policy), ["replicated-workloads"], describeViolations(violations));
    });
});
