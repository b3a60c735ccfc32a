import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { e2eTools, KUBE_PROMETHEUS_STACK_APPS, pinnedKubePrometheusApps, prometheusModuleVersion } from "../../components/chart-apps";
import { kubePrometheusValues } from "../../components/builders/kube-prometheus-values";
import { CHARTS } from "../../components/versions";
import { stackConfig } from "../helpers/config";
import { wrapperRequiredVersion as requiredVersion } from "../helpers/toolchain";

/** The chart mirror's kube-prometheus-stack folder (CHART_MIRROR, else ../shared/chart-mirror.sh's default), if there is one. */
function mirroredChart(): string | undefined {
    const mirror = process.env.CHART_MIRROR ?? path.join(os.homedir(), ".cache", "chart-mirror", "charts");
    const dir = path.join(mirror, CHARTS.kubePrometheusStack.name);
    return fs.existsSync(path.join(dir, "Chart.yaml")) ? dir : undefined;
}

describe("chart apps: the versions the pinned charts deploy", () => {
    it("says what the pinned kube-prometheus-stack version deploys", () => {
        assert.doesNotThrow(() => pinnedKubePrometheusApps(), "a chart pin moved: add what the new version deploys to components/chart-apps.ts");
    });

    it("refuses a chart version it has no line for, so a moved pin cannot pass unnoticed", () => {
        assert.throws(() => pinnedKubePrometheusApps("0.0.1"), /kube-prometheus-stack 0\.0\.1/);
    });

    it("maps a Prometheus 3 release to its module version (3.14.0 is v0.314.0)", () => {
        assert.strictEqual(prometheusModuleVersion("v3.14.0"), "v0.314.0");
        assert.strictEqual(prometheusModuleVersion("3.0.1"), "v0.300.1");
        assert.strictEqual(prometheusModuleVersion("v3.5.12"), "v0.305.12");
        assert.throws(() => prometheusModuleVersion("v2.53.0"));
    });

    for (const tool of Object.values(e2eTools())) {
        it(`builds ${tool.binaries.join(" and ")} from ${tool.module} ${tool.moduleVersion}, the version the chart deploys`, () => {
            assert.strictEqual(requiredVersion(tool.wrapper, tool.module), tool.moduleVersion,
                `test/cluster/toolchain/${tool.wrapper}/go.mod must require ${tool.module} ${tool.moduleVersion}`);
            for (const nested of tool.nestedModules ?? []) {
                assert.strictEqual(requiredVersion(tool.wrapper, nested), tool.moduleVersion,
                    `test/cluster/toolchain/${tool.wrapper}/go.mod must require ${nested} ${tool.moduleVersion}, the release's own tree`);
            }
        });
    }

    it("reads a wrapper's required version, so the check above can fail", () => {
        assert.strictEqual(requiredVersion("prometheus", "github.com/prometheus/prometheus-not-a-module"), undefined);
        assert.match(requiredVersion("prometheus", "github.com/prometheus/prometheus") ?? "", /^v0\.3\d\d\.\d+$/);
    });

    it("leaves the Prometheus, Alertmanager and operator images to the chart, so the chart's versions are the ones that run", () => {
        for (const stack of ["dev", "prod"]) {
            const v = kubePrometheusValues(stackConfig(stack)) as Record<string, any>;
            for (const image of [v.prometheus?.prometheusSpec?.image, v.alertmanager?.alertmanagerSpec?.image, v.prometheusOperator?.image]) {
                assert.strictEqual(image?.tag, undefined, `${stack} sets an image tag: ${JSON.stringify(image)}`);
                assert.strictEqual(image?.sha, undefined, `${stack} sets an image digest: ${JSON.stringify(image)}`);
            }
        }
    });

    it("matches the chart mirror's kube-prometheus-stack: appVersion and the Prometheus and Alertmanager image tags", function () {
        const dir = mirroredChart();
        if (dir === undefined) {
            console.log("      skipped: no chart mirror (CHART_MIRROR or $HOME/.cache/chart-mirror/charts); the table above is checked without it");
            this.skip();
        }
        const chart = YAML.parse(fs.readFileSync(path.join(dir!, "Chart.yaml"), "utf8"));
        const values = YAML.parse(fs.readFileSync(path.join(dir!, "values.yaml"), "utf8"));
        const listed = KUBE_PROMETHEUS_STACK_APPS[chart.version];
        if (listed === undefined) {
            assert.notStrictEqual(chart.version, CHARTS.kubePrometheusStack.version, "the pinned chart version has no line in components/chart-apps.ts");
            console.log(`      skipped: the mirror holds kube-prometheus-stack ${chart.version}, which components/chart-apps.ts does not list (the pin is ${CHARTS.kubePrometheusStack.version})`);
            this.skip();
        }
        assert.deepStrictEqual(listed, {
            prometheusOperator: chart.appVersion,
            prometheus: String(values.prometheus.prometheusSpec.image.tag).replace(/-distroless$/, ""),
            alertmanager: values.alertmanager.alertmanagerSpec.image.tag,
        }, `components/chart-apps.ts says kube-prometheus-stack ${chart.version} deploys something else than the chart does`);
    });
});
