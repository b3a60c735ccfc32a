/**
 * Every chart and every image the program sets itself, pinned in one place. Upgrades are a
 * one-line change here followed by `npm run test:render` and a `pulumi preview`.
 */

/** A Helm chart as published upstream. */
export interface ChartRef {
    /** Chart name in its repository (and the folder name in a local mirror). */
    name: string;
    /** Pinned chart version. */
    version: string;
    /** Upstream Helm repository URL. */
    repo: string;
}

/** A container image split the way Helm charts want it. */
export interface ImageRef {
    /** Registry host, replaced by `mirrors.imageRegistry` on air-gapped sites. */
    registry: string;
    repository: string;
    tag: string;
}

export const CHARTS = {
    /** 88.x ships Prometheus Operator v0.93 (chart 88.5.3, Aug 2026). */
    kubePrometheusStack: {
        name: "kube-prometheus-stack",
        version: "88.5.3",
        repo: "https://prometheus-community.github.io/helm-charts",
    },
    /** The Loki chart moved from grafana/helm-charts to grafana-community in 2026; 18.x ships Loki 3.7. */
    loki: {
        name: "loki",
        version: "18.11.0",
        repo: "https://grafana-community.github.io/helm-charts",
    },
    /** Promtail's last release: the project reached end of life on 2026-03-02. */
    promtail: {
        name: "promtail",
        version: "6.17.1",
        repo: "https://grafana.github.io/helm-charts",
    },
} satisfies Record<string, ChartRef>;

export const IMAGES = {
} satisfies Record<string, ImageRef>;
