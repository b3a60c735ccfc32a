import * as assert from "assert";
import { haReplicasAndDisruptionBudgets } from "../../policies/ha-replicas-and-disruption-budgets";
import { alertmanager, alertmanagerPdb, baselineStack, prometheus, prometheusPdb, withField } from "../fixtures/policies/objects";
import { checkStack } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "ha-replicas-and-disruption-budgets";

describe("policy ha-replicas-and-disruption-budgets", () => {
    it("passes 2 Prometheus and 3 Alertmanager replicas with the chart's PodDisruptionBudgets", async () => {
        assert.deepStrictEqual(await checkStack(haReplicasAndDisruptionBudgets, baselineStack(), policyConfig("prod", NAME)), []);
    });

    it("rejects a single Prometheus replica in prod but not in dev", async () => {
        const objects = [withField(prometheus(), "props.spec.replicas", 1), alertmanager(), alertmanagerPdb()];
        const prod = await checkStack(haReplicasAndDisruptionBudgets, objects, policyConfig("prod", NAME));
        assert.ok(prod.some((m) => /Prometheus kps-prometheus runs 1 replica\(s\); set spec\.replicas to at least 2/.test(m)), prod.join("\n"));
        assert.deepStrictEqual(await checkStack(haReplicasAndDisruptionBudgets, objects, policyConfig("dev", NAME)), []);
    });

    it("counts an unset spec.replicas as the operator's one", async () => {
        const messages = await checkStack(haReplicasAndDisruptionBudgets, [withField(alertmanager(), "props.spec.replicas", undefined), alertmanagerPdb()]);
        assert.match(messages[0], /Alertmanager kps-alertmanager runs 1 replica\(s\)/);
    });

    it("rejects an Alertmanager without a PodDisruptionBudget", async () => {
        const [message] = await checkStack(haReplicasAndDisruptionBudgets, [alertmanager()]);
        assert.match(message, /Alertmanager kps-alertmanager has no PodDisruptionBudget selecting its pods/);
    });

    it("rejects a PodDisruptionBudget that selects other pods or sits in another namespace", async () => {
        const wrongSelector = prometheusPdb();
        wrongSelector.props.spec.selector.matchLabels["operator.prometheus.io/name"] = "other";
        assert.strictEqual((await checkStack(haReplicasAndDisruptionBudgets, [prometheus(), wrongSelector])).length, 1);
        const elsewhere = withField(prometheusPdb(), "props.metadata.namespace", "default");
        assert.strictEqual((await checkStack(haReplicasAndDisruptionBudgets, [prometheus(), elsewhere])).length, 1);
    });

    it("rejects a PodDisruptionBudget that blocks every eviction", async () => {
        const blocking = withField(prometheusPdb(), "props.spec.minAvailable", 2);
        const [message] = await checkStack(haReplicasAndDisruptionBudgets, [prometheus(), blocking]);
        assert.match(message, /allows no disruption with 2 replica\(s\), which blocks node drains/);
    });

    it("accepts percentages and maxUnavailable", async () => {
        const pct = withField(alertmanagerPdb(), "props.spec", { maxUnavailable: "34%", selector: alertmanagerPdb().props.spec.selector });
        assert.deepStrictEqual(await checkStack(haReplicasAndDisruptionBudgets, [alertmanager(), pct]), []);
    });
});
