import * as assert from "assert";
import { thanosCompactorRetention } from "../../policies/thanos-compactor-retention";
import { COMPACT_ARGS, thanosCompactStatefulSet, withField } from "../fixtures/policies/objects";
import { previewPolicy, UNKNOWN } from "./engine";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "thanos-compactor-retention";
const ARGS = "props.spec.template.spec.containers.0.args";

/** The compactor with its args changed: `flag` removed, or set to `value`. */
function compactor(flag: string, value?: string) {
    const args = COMPACT_ARGS.filter((a) => !a.startsWith(`${flag}=`));
    return withField(thanosCompactStatefulSet(), ARGS, value === undefined ? args : [...args, `${flag}=${value}`]);
}

describe("policy thanos-compactor-retention", () => {
    it("passes the program's prod compactor (90d raw, 365d 5m, 730d 1h) with the prod bounds", async () => {
        assert.deepStrictEqual(await checkResource(thanosCompactorRetention, thanosCompactStatefulSet(), policyConfig("prod", NAME)), []);
    });

    it("rejects a compactor without --retention.resolution-raw: raw data stays forever", async () => {
        const [message] = await checkResource(thanosCompactorRetention, compactor("--retention.resolution-raw"), policyConfig("prod", NAME));
        assert.match(message, /^Thanos compactor thanos-compact \(container thanos-compact\) does not set --retention.resolution-raw, so it keeps raw data in the bucket forever; set --retention.resolution-raw \(observability:prometheus.longTerm.retention.raw\) between 30d and 365d\.$/);
    });

    it("rejects a zero retention, Thanos' default that keeps a resolution forever", async () => {
        const [message] = await checkResource(thanosCompactorRetention, compactor("--retention.resolution-1h", "0d"), policyConfig("prod", NAME));
        assert.match(message, /sets --retention.resolution-1h=0d, so it keeps 1h data in the bucket forever/);
    });

    it("rejects retentions outside the stack's bounds, per resolution", async () => {
        const short = await checkResource(thanosCompactorRetention, compactor("--retention.resolution-5m", "30d"), policyConfig("prod", NAME));
        assert.match(short[0], /--retention.resolution-5m is 30d \(30d\), shorter than the 180d this stack requires/);
        const long = await checkResource(thanosCompactorRetention, compactor("--retention.resolution-raw", "400d"), policyConfig("dev", NAME));
        assert.match(long[0], /--retention.resolution-raw is 400d \(400d\), longer than the 90d this stack allows; set --retention.resolution-raw \(observability:prometheus.longTerm.retention.raw\) between 2d and 90d/);
    });

    it("reads the flag's separate-value form and reports every missing flag at once", async () => {
        const spaced = withField(thanosCompactStatefulSet(), ARGS, ["compact", "--retention.resolution-raw", "90d", "--retention.resolution-5m", "365d", "--retention.resolution-1h", "730d"]);
        assert.deepStrictEqual(await checkResource(thanosCompactorRetention, spaced, policyConfig("prod", NAME)), []);
        const bare = withField(thanosCompactStatefulSet(), ARGS, ["compact", "--wait"]);
        assert.strictEqual((await checkResource(thanosCompactorRetention, bare)).length, 3);
    });

    it("finds the compactor behind the thanos entrypoint and under a mirror registry, and leaves other Thanos components alone", async () => {
        const command = withField(withField(compactor("--retention.resolution-raw"), "props.spec.template.spec.containers.0.command", ["/bin/thanos"]), "props.spec.template.spec.containers.0.image", "registry.internal/thanos/thanos:v0.42.4");
        assert.strictEqual((await checkResource(thanosCompactorRetention, command)).length, 1);
        const store = withField(thanosCompactStatefulSet("thanos-store-gateway"), ARGS, ["store", "--data-dir=/var/thanos/store"]);
        assert.deepStrictEqual(await checkResource(thanosCompactorRetention, store), []);
    });

    it("reports a retention flag a preview does not know rather than skipping the compactor", async () => {
        const args = [...COMPACT_ARGS.filter((a) => !a.startsWith("--retention.resolution-raw")), UNKNOWN];
        const diagnostics = await previewPolicy(thanosCompactorRetention, withField(thanosCompactStatefulSet(), ARGS, args), policyConfig("prod", NAME));
        assert.deepStrictEqual(diagnostics.map((d) => [d.skipped, d.message.split(",")[0]]), [[false, "Thanos compactor thanos-compact (container thanos-compact) --retention.resolution-raw is not known during preview (it is computed from another resource's output)"]]);
    });
});
