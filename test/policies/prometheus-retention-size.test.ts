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

    it("accepts the operator's GiB, TB and fractional spellings of a size", async () => {
        for (const size of ["170GiB", "0.16TB", ".16TiB", "174080MB"]) {
            assert.deepStrictEqual(await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", size)), [], size);
        }
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", "1TB"));
        assert.match(message, /retentionSize 1TB \(1Ti; Prometheus reads GB as GiB\) is 512% of its 200Gi volume/);
    });

    it("rejects retentionSize 0, which turns size-based retention off", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), "props.spec.retentionSize", "0"));
        assert.match(message, /spec\.retentionSize is 0, which turns size-based retention off/);
    });

    it("compares with a decimal-unit volume: 170GB is 91% of 200G", async () => {
        const [message] = await checkResource(prometheusRetentionSize, withField(prometheus(), VOLUME, "200G"));
        assert.match(message, /is 91% of its 186\.26Gi volume/);
    });

    it("compares with the emptyDir's sizeLimit, which the operator uses over a volumeClaimTemplate", async () => {
        const p = withField(prometheus(), "props.spec.storage.emptyDir", { sizeLimit: "50Gi" });
        const [message] = await checkResource(prometheusRetentionSize, p);
        assert.match(message, /is 340% of its 50Gi volume; set .* to at most 42GB \(85%\)/);
    });

    it("compares with an ephemeral volume's request", async () => {
        const p = withField(prometheus(), "props.spec.storage", { ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "100Gi" } } } } } });
        assert.match((await checkResource(prometheusRetentionSize, p))[0], /is 170% of its 100Gi volume/);
    });

    it("allows 88% in dev (share 0.9) but not in prod (0.85)", async () => {
        const tight = withField(prometheus(), "props.spec.retentionSize", "176GB");
        assert.deepStrictEqual(await checkResource(prometheusRetentionSize, tight, policyConfig("dev", NAME)), []);
        assert.strictEqual((await checkResource(prometheusRetentionSize, tight, policyConfig("prod", NAME))).length, 1);
    });
});
