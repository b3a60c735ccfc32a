import * as assert from "assert";
import { lokiDisruptionBudgets } from "../../policies/loki-disruption-budgets";
import { baselineStack, distributedLokiObjects, lokiDistributorDeployment, lokiPdb, withField } from "../fixtures/policies/objects";
import { preview, UNKNOWN } from "./engine";
import { checkStack, runPack } from "./harness";
import { packConfig } from "./pack-config";

/** The distributed objects without the budget named `name`. */
const without = (name: string) => distributedLokiObjects().filter((o) => o.type !== "kubernetes:policy/v1:PodDisruptionBudget" || o.props.metadata.name !== name);

describe("policy loki-disruption-budgets", () => {
    it("passes distributed Loki whose replicated components have budgets, counting the ingesters' zones as one", async () => {
        assert.deepStrictEqual(await checkStack(lokiDisruptionBudgets, distributedLokiObjects()), []);
    });

    it("leaves the single binary and single-replica components alone", async () => {
        assert.deepStrictEqual(await checkStack(lokiDisruptionBudgets, baselineStack()), []);
        assert.deepStrictEqual(await checkStack(lokiDisruptionBudgets, [lokiDistributorDeployment(1)]), []);
    });

    it("rejects two distributors without a budget, naming the chart value that adds one", async () => {
        const [message] = await checkStack(lokiDisruptionBudgets, without("loki-distributor"));
        assert.strictEqual(message, "Loki distributor (loki-distributor, 2 replicas) has no PodDisruptionBudget selecting its pods, so a node drain can evict every replica at once; add one with minAvailable 1 (loki chart: distributor.podDisruptionBudget.enabled with maxUnavailable 1).");
    });

    it("rejects three zone ingesters without the rollout budget, on each zone", async () => {
        const messages = await checkStack(lokiDisruptionBudgets, without("loki-ingester-rollout"));
        assert.deepStrictEqual(messages.map((m) => m.split(" has ")[0]), ["Loki ingester (loki-ingester-zone-a, 3 replicas)", "Loki ingester (loki-ingester-zone-b, 3 replicas)", "Loki ingester (loki-ingester-zone-c, 3 replicas)"]);
    });

    it("rejects a budget that blocks every eviction", async () => {
        const objects = [lokiDistributorDeployment(), withField(lokiPdb("loki-distributor", "distributor"), "props.spec", { minAvailable: 2, selector: lokiPdb("loki-distributor", "distributor").props.spec.selector })];
        assert.match((await checkStack(lokiDisruptionBudgets, objects))[0], /allows no disruption with 2 replica\(s\), which blocks node drains/);
    });

    it("is mandatory in prod and advisory in dev", async () => {
        const objects = without("loki-ingester-rollout");
        const level = async (stack: string) => [...new Set((await runPack([lokiDisruptionBudgets], objects, packConfig(stack))).map((v) => v.enforcementLevel))];
        assert.deepStrictEqual(await level("prod"), ["mandatory"]);
        assert.deepStrictEqual(await level("dev"), ["advisory"]);
    });

    it("reports a replica count a preview does not know instead of skipping the policy", async () => {
        const diagnostics = await preview([lokiDisruptionBudgets], [withField(lokiDistributorDeployment(), "props.spec.replicas", UNKNOWN)]);
        assert.deepStrictEqual(diagnostics.map((d) => [d.skipped, d.message.split(" (it is")[0]]), [[false, "Loki distributor loki-distributor spec.replicas is not known during preview"]]);
    });
});
