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
    /**
     * Promtail's successor, chosen with `logAgent.kind: alloy`. Chart 1.11.1 (2026-08-06, from
     * grafana/alloy operations/helm/charts/alloy) ships Alloy v1.18.1.
     */
    alloy: {
        name: "alloy",
        version: "1.11.1",
        repo: "https://grafana.github.io/helm-charts",
    },
    /** Pushgateway chart 3.8.0 (appVersion v1.11.3); its values paths checked with helm template. */
    pushgateway: {
        name: "prometheus-pushgateway",
        version: "3.8.0",
        repo: "https://prometheus-community.github.io/helm-charts",
    },
    /**
     * Thanos Query, Store Gateway and Compactor for `prometheus.longTerm`. stevehipwell/helm-charts'
     * chart is maintained (Bitnami's images are frozen in its legacy registry since 2025); 1.24.1
     * ships Thanos 0.42.4, the sidecar version kube-prometheus-stack 88.5.3 sets (thanosImage).
     */
    thanos: {
        name: "thanos",
        version: "1.24.1",
        repo: "https://stevehipwell.github.io/helm-charts",
    },
} satisfies Record<string, ChartRef>;

export const IMAGES = {
    /**
     * Grafana as shipped by kube-prometheus-stack 88.5.3 (grafana subchart 12.11.1, appVersion
     * 13.2.0). Pinned here because the admin-password reset init container runs the same
     * binary against the same database; the chart's image.tag is set from this entry.
     */
    grafana: { registry: "docker.io", repository: "grafana/grafana", tag: "13.2.0" },
    /**
     * kubernetes-event-exporter, the maintained resmoio fork of opsgenie's exporter. v1.7
     * (2024-02-23) is its newest release tag; the release workflow publishes it to ghcr.io as
     * the git tag name. Runs as distroless nonroot (uid 65532).
     */
    eventExporter: { registry: "ghcr.io", repository: "resmoio/kubernetes-event-exporter", tag: "v1.7" },
    /** The Pushgateway chart 3.8.0's appVersion; set explicitly so mirrors carry the exact tag. */
    pushgateway: { registry: "quay.io", repository: "prometheus/pushgateway", tag: "v1.11.3" },
    /** Thanos: the thanos chart's appVersion and kube-prometheus-stack's sidecar image, one version for both. */
    thanos: { registry: "quay.io", repository: "thanos/thanos", tag: "v0.42.4" },
    /** kube-bench v0.15.6 (2026-06-01): the tag upstream's own job.yaml pins at that release. */
    kubeBench: { registry: "docker.io", repository: "aquasec/kube-bench", tag: "v0.15.6" },
    /** Runs the kube-bench reporter script (Node 24 LTS: global fetch, no npm packages needed). */
    node: { registry: "docker.io", repository: "library/node", tag: "24.15.0-alpine" },
    /** Copies backups to a PVC or S3 and prunes old ones; alpine based, so it has sh and wget. */
    rclone: { registry: "docker.io", repository: "rclone/rclone", tag: "1.74.4" },
    /** Grafana backups: the sqlite3 module's online-backup API and urllib for the HTTP API. */
    python: { registry: "docker.io", repository: "library/python", tag: "3.13.5-alpine3.21" },
} satisfies Record<string, ImageRef>;
