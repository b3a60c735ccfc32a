import * as assert from "assert";
import * as path from "path";
import { chartSource } from "../../components/builders/chart-source";
import { CHARTS } from "../../components/versions";

const NO_MIRROR = { imagePullSecrets: [] };

describe("chartSource", () => {
    it("installs from the chart's public repository by default, at the pinned version", () => {
        assert.deepStrictEqual(chartSource(CHARTS.loki, NO_MIRROR), {
            chart: "loki",
            version: CHARTS.loki.version,
            repositoryOpts: { repo: "https://grafana-community.github.io/helm-charts" },
        });
    });

    it("swaps the repository for an HTTP mirror and keeps the pin", () => {
        const src = chartSource(CHARTS.kubePrometheusStack, { ...NO_MIRROR, charts: { kind: "http", url: "https://charts.internal/helm" } });
        assert.deepStrictEqual(src.repositoryOpts, { repo: "https://charts.internal/helm" });
        assert.strictEqual(src.version, CHARTS.kubePrometheusStack.version);
    });

    it("addresses an OCI mirror as <prefix>/<chart>", () => {
        const src = chartSource(CHARTS.promtail, { ...NO_MIRROR, charts: { kind: "oci", url: "oci://registry.local/charts/" } });
        assert.deepStrictEqual(src, { chart: "oci://registry.local/charts/promtail", version: CHARTS.promtail.version });
    });

    it("logs in to an HTTP mirror with the configured user and the password it is given", () => {
        const mirrors = { ...NO_MIRROR, charts: { kind: "http" as const, url: "https://charts.internal/helm", username: "ci-robot" } };
        assert.deepStrictEqual(chartSource(CHARTS.loki, mirrors, "pw").repositoryOpts, { repo: "https://charts.internal/helm", username: "ci-robot", password: "pw" });
    });

    it("logs in to an OCI mirror with the configured user and the password it is given", () => {
        const mirrors = { ...NO_MIRROR, charts: { kind: "oci" as const, url: "oci://registry.local/charts", username: "ci-robot" } };
        assert.deepStrictEqual(chartSource(CHARTS.loki, mirrors, "pw").repositoryOpts, { username: "ci-robot", password: "pw" });
    });

    it("reads a local mirror as one folder per chart name", () => {
        const src = chartSource(CHARTS.loki, { ...NO_MIRROR, charts: { kind: "local", path: "/srv/charts" } });
        assert.deepStrictEqual(src, { chart: path.resolve("/srv/charts", "loki") });
    });
});
