import * as assert from "assert";
import { thanosSingleCompactor } from "../../policies/thanos-single-compactor";
import { baselineStack, longTermObjects, prometheusWithThanos, thanosCompactStatefulSet, thanosObjstoreSecret, withField } from "../fixtures/policies/objects";
import { preview, UNKNOWN } from "./engine";
import { checkStack } from "./harness";

describe("policy thanos-single-compactor", () => {
    it("passes a stack with long-term metrics and its one compactor at one replica", async () => {
        assert.deepStrictEqual(await checkStack(thanosSingleCompactor, [...baselineStack(), ...longTermObjects()]), []);
    });

    it("passes a stack without Thanos, which needs no compactor", async () => {
        assert.deepStrictEqual(await checkStack(thanosSingleCompactor, baselineStack()), []);
    });

    it("rejects a stack whose Prometheus ships blocks but that runs no compactor", async () => {
        const [message] = await checkStack(thanosSingleCompactor, [prometheusWithThanos(), thanosObjstoreSecret()]);
        assert.match(message, /^kps-prometheus uses Thanos but the stack runs no Thanos compactor, so the bucket is never compacted, downsampled or trimmed by retention/);
    });

    it("rejects a second compactor workload, on each of them", async () => {
        const messages = await checkStack(thanosSingleCompactor, [...longTermObjects(), thanosCompactStatefulSet("thanos-compact-2")]);
        assert.deepStrictEqual(messages, [
            "Thanos compactor thanos-compact runs beside thanos-compact-2 in the same stack; concurrent compactors corrupt the bucket, so keep exactly one.",
            "Thanos compactor thanos-compact-2 runs beside thanos-compact in the same stack; concurrent compactors corrupt the bucket, so keep exactly one.",
        ]);
    });

    it("rejects a compactor with two replicas", async () => {
        const [message] = await checkStack(thanosSingleCompactor, [withField(thanosCompactStatefulSet(), "props.spec.replicas", 2)]);
        assert.strictEqual(message, "Thanos compactor thanos-compact runs 2 replicas; concurrent compaction corrupts the bucket, so set spec.replicas to 1.");
    });

    it("reports a replica count a preview does not know instead of skipping the policy", async () => {
        const diagnostics = await preview([thanosSingleCompactor], [withField(thanosCompactStatefulSet(), "props.spec.replicas", UNKNOWN)]);
        assert.deepStrictEqual(diagnostics.map((d) => [d.skipped, d.message.split(" (it is")[0]]), [[false, "Thanos compactor thanos-compact spec.replicas is not known during preview"]]);
    });
});
