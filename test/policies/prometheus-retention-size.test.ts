import * as assert from "assert";
import { prometheusRetentionSize } from "../../policies/prometheus-retention-size";
import { prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "prometheus-retention-size";
const VOLUME = "props.spec.storage.volumeClaimTemplate.spec.resources.requests.storage";

describe("policy prometheus-retention-size", () => {
    it("keeps 85% of the Prometheus volume for retentionSize: 170GB on 200Gi passes", async () => {
        for (const config of [{}, policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            assert.deepStrictEqual(await checkResource(prometheusRetentionSize, prometheus(), config), []);
        }
    });

    it("rejects a Prometheus without retentionSize and suggests 85% of its volume", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", undefined));
        assert.match(message, /does not set spec\.retentionSize/);
        assert.match(message, /at most 170GB \(85% of 200Gi\)/);
    });

    it("reads GB as GiB: 180GB on a 200Gi volume is 90%, above 85%", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", "180GB"));
        assert.match(message, /180GB \(180Gi; Prometheus reads GB as GiB\) is 90% of its 200Gi volume/);
        assert.match(message, /at most 170GB \(85%\)/);
    });

    it("rejects a retentionSize above the volume once the volume shrinks", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), VOLUME, "100Gi"));
        assert.match(message, /is 170% of its 100Gi volume/);
    });

    it("rejects a retentionSize in Kubernetes quantity syntax", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", "170Gi"));
        assert.match(message, /"170Gi" is not a Prometheus size/);
    });

    it("allows 88% in dev (share 0.9) but not in prod (0.85)", async () => {
        const tight = withField(prometheus(), "props.spec.retentionSize", "176GB");
        assert.deepStrictEqual(await checkResource(prometheusRetentionSize, tight, policyConfig("dev", NAME)), []);
        assert.strictEqual((await checkResource(prometheusRetentionSize, tight, policyConfig("prod", NAME))).length, 1);
    });
});
