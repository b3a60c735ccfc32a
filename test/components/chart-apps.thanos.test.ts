/**
 * The e2e tier's Thanos (test/cluster/toolchain/thanos) is the release the pinned thanos chart
 * deploys: its appVersion, which components/versions.ts also sets as the Thanos image tag.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { CHARTS, IMAGES } from "../../components/versions";
import { wrapperRequiredVersion } from "../helpers/toolchain";

const THANOS_MODULE = "github.com/thanos-io/thanos";

/** The chart mirror's Chart.yaml of the thanos chart (CHART_MIRROR, else ../shared/chart-mirror.sh's default), if there is one. */
function mirroredChartYaml(): Record<string, unknown> | undefined {
    const mirror = process.env.CHART_MIRROR ?? path.join(os.homedir(), ".cache", "chart-mirror", "charts");
    const file = path.join(mirror, CHARTS.thanos.name, "Chart.yaml");
    return fs.existsSync(file) ? YAML.parse(fs.readFileSync(file, "utf8")) : undefined;
}

/** A chart appVersion as a Go module version: "0.42.4" is v0.42.4. */
const asModuleVersion = (appVersion: string) => `v${appVersion.replace(/^v/, "")}`;

describe("chart apps: the Thanos the e2e tier builds", () => {
    it(`builds thanos from ${THANOS_MODULE} at the Thanos image tag the program deploys (${IMAGES.thanos.tag})`, () => {
        assert.strictEqual(wrapperRequiredVersion("thanos", THANOS_MODULE), asModuleVersion(IMAGES.thanos.tag),
            `test/cluster/toolchain/thanos/go.mod must require ${THANOS_MODULE} ${asModuleVersion(IMAGES.thanos.tag)}`);
    });

    it("reads the wrapper's version, so the check above can fail", () => {
        assert.strictEqual(wrapperRequiredVersion("thanos", `${THANOS_MODULE}-not-a-module`), undefined);
        assert.strictEqual(wrapperRequiredVersion("versitygw", "github.com/versity/versitygw"), "v1.8.0");
    });

    it(`matches the chart mirror's thanos ${CHARTS.thanos.version}: its appVersion is the wrapper's version`, function () {
        const chart = mirroredChartYaml();
        if (chart === undefined) {
            console.log("      skipped: no chart mirror (CHART_MIRROR or $HOME/.cache/chart-mirror/charts); the image tag above is checked without it");
            this.skip();
        }
        if (chart!.version !== CHARTS.thanos.version) {
            console.log(`      skipped: the mirror holds thanos ${String(chart!.version)}, not the pinned ${CHARTS.thanos.version}`);
            this.skip();
        }
        assert.strictEqual(wrapperRequiredVersion("thanos", THANOS_MODULE), asModuleVersion(String(chart!.appVersion)),
            `the thanos chart ${CHARTS.thanos.version} deploys Thanos ${String(chart!.appVersion)}: update test/cluster/toolchain/thanos/go.mod`);
    });
});
