/**
 * The binaries the e2e tier drives are the releases the pinned kube-prometheus-stack deploys,
 * and Thanos the release the pinned thanos chart deploys.
 */
import * as assert from "assert";
import { e2eTools } from "../../components/chart-apps";
import { IMAGES } from "../../components/versions";
import { missingTools, reportedVersion, TOOLS } from "./helpers/tools";

describe("e2e binaries", () => {
    for (const tool of Object.values(e2eTools())) {
        for (const binary of tool.binaries as (keyof typeof TOOLS)[]) {
            it(`runs ${binary} ${tool.release}, as the pinned chart deploys`, async function () {
                const missing = missingTools(binary);
                if (missing.length > 0) {
                    console.log(`      skipped: ${missing.join("; ")}`);
                    this.skip();
                }
                assert.strictEqual(await reportedVersion(TOOLS[binary]), tool.release);
            });
        }
    }
});

describe("e2e binaries: Thanos", () => {
    it(`runs thanos ${IMAGES.thanos.tag.replace(/^v/, "")}, the thanos chart's appVersion and the program's Thanos image tag`, async function () {
        const missing = missingTools("thanos");
        if (missing.length > 0) {
            console.log(`      skipped: ${missing.join("; ")}`);
            this.skip();
        }
        assert.strictEqual(await reportedVersion(TOOLS.thanos), IMAGES.thanos.tag.replace(/^v/, ""));
    });
});
