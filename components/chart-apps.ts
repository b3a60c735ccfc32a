/**
 * What each pinned chart deploys, and the Go modules the test tiers build to run the same
 * versions. The one place a tool's version comes from: the wrapper modules under
 * test/cluster/toolchain/ require exactly these module versions (a unit test holds them to it),
 * and that test fails as soon as a chart pin in versions.ts moves without an entry here.
 *
 * An entry is read off the chart itself (chart mirror: `Chart.yaml` appVersion and the image
 * tags in `values.yaml`); with a mirror present the unit test reads them again and compares.
 */
import { CHARTS } from "./versions";

/** The app versions kube-prometheus-stack runs, as its Chart.yaml and values.yaml state them. */
export interface KubePrometheusApps {
    /** Chart appVersion: the operator image tag (`prometheusOperator.image.tag` is empty). */
    prometheusOperator: string;
    /** `prometheus.prometheusSpec.image.tag` without its `-distroless` variant suffix. */
    prometheus: string;
    /** `alertmanager.alertmanagerSpec.image.tag`. */
    alertmanager: string;
}

/** kube-prometheus-stack chart version → what it deploys. Add a line when the pin moves. */
export const KUBE_PROMETHEUS_STACK_APPS: Record<string, KubePrometheusApps> = {
    "88.5.3": { prometheusOperator: "v0.93.1", prometheus: "v3.14.0", alertmanager: "v0.34.0" },
};

/** What the pinned kube-prometheus-stack deploys; throws when the table has no line for the pin. */
export function pinnedKubePrometheusApps(version = CHARTS.kubePrometheusStack.version): KubePrometheusApps {
    const apps = KUBE_PROMETHEUS_STACK_APPS[version];
    if (apps === undefined) {
        throw new Error(`components/chart-apps.ts does not say what kube-prometheus-stack ${version} deploys: add its appVersion and image tags`);
    }
    return apps;
}

/**
 * The Go module version of a Prometheus release: 3.x is published as v0.3xx.y (3.14.0 is
 * v0.314.0), since the module path has no /v3 suffix.
 */
export function prometheusModuleVersion(release: string): string {
    const m = /^v?3\.(\d+)\.(\d+)$/.exec(release);
    if (m === null) {
        throw new Error(`not a Prometheus 3.x release: ${release}`);
    }
    return `v0.${300 + Number(m[1])}.${m[2]}`;
}

/** A tool built from the Go module proxy by a wrapper module of test/cluster/toolchain/. */
export interface GoTool {
    /** Folder of the wrapper module under test/cluster/toolchain/. */
    wrapper: string;
    /** Upstream module path. */
    module: string;
    /** Module version the wrapper requires. */
    moduleVersion: string;
    /** The version the built binaries report (`--version`), without a leading v. */
    release: string;
    /** Binaries build.sh makes from it, into the toolchain's bin/. */
    binaries: string[];
    /**
     * Nested modules of the same repository, required at the same version: upstream's go.mod
     * replaces them with its own tree (`=> ./pkg/...`), which a module zip does not carry.
     */
    nestedModules?: string[];
}

/** The test tiers' tools, at the versions the pinned kube-prometheus-stack deploys. */
export function e2eTools(apps: KubePrometheusApps = pinnedKubePrometheusApps()): Record<"prometheus" | "alertmanager" | "prometheusOperator", GoTool> {
    const operator = "github.com/prometheus-operator/prometheus-operator";
    return {
        prometheus: {
            wrapper: "prometheus",
            module: "github.com/prometheus/prometheus",
            moduleVersion: prometheusModuleVersion(apps.prometheus),
            release: apps.prometheus.replace(/^v/, ""),
            binaries: ["prometheus", "promtool"],
        },
        alertmanager: {
            wrapper: "alertmanager",
            module: "github.com/prometheus/alertmanager",
            moduleVersion: apps.alertmanager,
            release: apps.alertmanager.replace(/^v/, ""),
            binaries: ["alertmanager", "amtool"],
        },
        // The cluster tier runs it outside the cluster against the stack it deployed.
        prometheusOperator: {
            wrapper: "prometheus-operator",
            module: operator,
            moduleVersion: apps.prometheusOperator,
            release: apps.prometheusOperator.replace(/^v/, ""),
            binaries: ["prometheus-operator"],
            nestedModules: [`${operator}/pkg/apis/monitoring`, `${operator}/pkg/client`],
        },
    };
}
