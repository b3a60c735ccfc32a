import * as assert from "assert";
import { volumeSizeBounds } from "../../policies/volume-size-bounds";
import { alertmanager, grafanaPvc, lokiStatefulSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "volume-size-bounds";

describe("policy volume-size-bounds", () => {
    it("passes the prod volume sizes under the defaults and the prod config", async () => {
        for (const config of [{}, policyConfig("prod", NAME)]) {
            for (const object of [prometheus(), alertmanager(), lokiStatefulSet(), grafanaPvc()]) {
                assert.deepStrictEqual(await checkResource(volumeSizeBounds, object, config), [], object.name);
            }
        }
    });

    it("rejects a claim without a storage request", async () => {
        const pvc = withField(grafanaPvc(), "props.spec.resources.requests", {});
        assert.match((await checkResource(volumeSizeBounds, pvc))[0], /grafana spec has no valid resources\.requests\.storage \(null\)/);
    });

    it("rejects a volume above the maximum", async () => {
        const p = withField(prometheus(), "props.spec.storage.volumeClaimTemplate.spec.resources.requests.storage", "4Ti");
        assert.match((await checkResource(volumeSizeBounds, p, policyConfig("prod", NAME)))[0], /requests 4Ti \(4Ti\); request a size between 1Gi and 2Ti/);
    });

    it("bounds dev volumes at 100Gi, where prod allows 200Gi", async () => {
        assert.match((await checkResource(volumeSizeBounds, prometheus(), policyConfig("dev", NAME)))[0], /requests 200Gi \(200Gi\); request a size between 512Mi and 100Gi/);
        assert.deepStrictEqual(await checkResource(volumeSizeBounds, prometheus(), policyConfig("prod", NAME)), []);
    });

    it("reads decimal units: 100G is below 100Gi and passes dev's maximum", async () => {
        const p = withField(prometheus(), "props.spec.storage.volumeClaimTemplate.spec.resources.requests.storage", "100G");
        assert.deepStrictEqual(await checkResource(volumeSizeBounds, p, policyConfig("dev", NAME)), []);
        const big = withField(prometheus(), "props.spec.storage.volumeClaimTemplate.spec.resources.requests.storage", "110G");
        assert.match((await checkResource(volumeSizeBounds, big, policyConfig("dev", NAME)))[0], /requests 110G \(102\.45Gi\)/);
    });

    it("rejects a volume below the minimum", async () => {
        const a = withField(alertmanager(), "props.spec.storage.volumeClaimTemplate.spec.resources.requests.storage", "100Mi");
        assert.match((await checkResource(volumeSizeBounds, a))[0], /requests 100Mi \(100Mi\); request a size between 1Gi and 1Ti/);
    });
});
