import * as assert from "assert";
import { annotatedPodsScrapeConfig, appMonitor } from "../../components/builders/app-monitors";
import { stackConfig } from "../helpers/config";

/**
 * The subset of Prometheus relabelling the annotation job uses (keep, drop, replace), with
 * Prometheus' semantics: `;`-joined source labels, a fully anchored regex, $n replacements.
 */
type Labels = Record<string, string>;
function relabel(labels: Labels, rules: Record<string, any>[]): Labels | undefined {
    let out = { ...labels };
    for (const rule of rules) {
        const value = (rule.source_labels as string[]).map((l) => out[l] ?? "").join(";");
        const match = new RegExp(`^(?:${rule.regex ?? "(.*)"})$`).exec(value);
        if (rule.action === "keep" && match === null) return undefined;
        if (rule.action === "drop" && match !== null) return undefined;
        if (rule.action === "replace" && match !== null) {
            const replacement = (rule.replacement ?? "$1") as string;
            out = { ...out, [rule.target_label]: replacement.replace(/\$(\d+)/g, (_, i) => match[Number(i)] ?? "") };
        }
    }
    return out;
}

const pod = (annotations: Record<string, string>, extra: Labels = {}): Labels => ({
    __address__: "10.1.2.3:8080",
    __scheme__: "http",
    __metrics_path__: "/metrics",
    __meta_kubernetes_namespace: "shop",
    __meta_kubernetes_pod_name: "checkout-7d9",
    __meta_kubernetes_pod_ip: "10.1.2.3",
    __meta_kubernetes_pod_phase: "Running",
    ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`__meta_kubernetes_pod_annotation_prometheus_io_${k}`, v])),
    ...extra,
});

describe("appMonitor", () => {
    const prod = stackConfig("prod");
    const checkout = prod.apps.find((a) => a.name === "checkout")!;
    const catalog = prod.apps.find((a) => a.name === "catalog")!;

    it("gives an app with monitor: service a ServiceMonitor in its own namespace", () => {
        const m = appMonitor(checkout);
        assert.strictEqual(m.apiVersion, "monitoring.coreos.com/v1");
        assert.strictEqual(m.kind, "ServiceMonitor");
        assert.deepStrictEqual([m.metadata.namespace, m.metadata.name], ["shop", "checkout"]);
        assert.deepStrictEqual(m.spec.selector, { matchLabels: { "app.kubernetes.io/name": "checkout" } });
        assert.deepStrictEqual(m.spec.namespaceSelector, { matchNames: ["shop"] });
        const [endpoint] = m.spec.endpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.port, endpoint.path, endpoint.interval], ["http-metrics", "/metrics", "30s"]);
    });

    it("gives an app with monitor: pod a PodMonitor on the configured port", () => {
        const m = appMonitor(catalog);
        assert.strictEqual(m.kind, "PodMonitor");
        assert.deepStrictEqual(m.spec.selector, { matchLabels: { app: "catalog" } });
        const [endpoint] = m.spec.podMetricsEndpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.port, endpoint.path, endpoint.interval], ["metrics", "/metrics", "30s"]);
        assert.strictEqual(m.spec.endpoints, undefined);
    });

    it("carries the app's path and interval", () => {
        const [endpoint] = appMonitor({ ...checkout, path: "/internal/metrics", interval: "15s" }).spec.endpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.path, endpoint.interval], ["/internal/metrics", "15s"]);
    });

    it("names the scrape job after the app, whatever its Service or monitor kind", () => {
        for (const app of [checkout, catalog]) {
            const spec = appMonitor(app).spec;
            const [endpoint] = (spec.endpoints ?? spec.podMetricsEndpoints) as Record<string, unknown>[];
            assert.deepStrictEqual(endpoint.relabelings, [{ action: "replace", targetLabel: "job", replacement: app.name }]);
        }
    });

    it("reads a reply without a valid Content-Type as Prometheus text, as Prometheus 2 did, instead of failing the scrape", () => {
        for (const app of [checkout, catalog]) {
            assert.strictEqual(appMonitor(app).spec.fallbackScrapeProtocol, "PrometheusText0.0.4", app.name);
        }
    });
});

describe("annotatedPodsScrapeConfig", () => {
    const rules = annotatedPodsScrapeConfig().relabel_configs as Record<string, any>[];

    it("reads a reply without a valid Content-Type as Prometheus text instead of failing the scrape (Prometheus 3)", () => {
        assert.strictEqual(annotatedPodsScrapeConfig().fallback_scrape_protocol, "PrometheusText0.0.4");
    });

    it("discovers pods through the Kubernetes API", () => {
        assert.deepStrictEqual(annotatedPodsScrapeConfig().kubernetes_sd_configs, [{ role: "pod" }]);
    });

    it("scrapes only pods annotated prometheus.io/scrape: \"true\"", () => {
        assert.ok(relabel(pod({ scrape: "true" }), rules));
        assert.strictEqual(relabel(pod({}), rules), undefined);
        assert.strictEqual(relabel(pod({ scrape: "false" }), rules), undefined);
    });

    it("skips pods that are not running", () => {
        assert.strictEqual(relabel(pod({ scrape: "true" }, { __meta_kubernetes_pod_phase: "Succeeded" }), rules), undefined);
    });

    it("takes the port and path from prometheus.io/port and prometheus.io/path", () => {
        const t = relabel(pod({ scrape: "true", port: "9102", path: "/stats/prometheus" }), rules)!;
        assert.strictEqual(t.__address__, "10.1.2.3:9102");
        assert.strictEqual(t.__metrics_path__, "/stats/prometheus");
    });

    it("keeps the discovered address and /metrics without port and path annotations", () => {
        const t = relabel(pod({ scrape: "true" }), rules)!;
        assert.strictEqual(t.__address__, "10.1.2.3:8080");
        assert.strictEqual(t.__metrics_path__, "/metrics");
    });

    it("brackets IPv6 pod addresses", () => {
        const t = relabel(pod({ scrape: "true", port: "9102" }, { __meta_kubernetes_pod_ip: "fd00:10:244::5", __address__: "[fd00:10:244::5]:8080" }), rules)!;
        assert.strictEqual(t.__address__, "[fd00:10:244::5]:9102");
    });

    it("switches to https only when prometheus.io/scheme says so", () => {
        assert.strictEqual(relabel(pod({ scrape: "true", scheme: "https" }), rules)!.__scheme__, "https");
        assert.strictEqual(relabel(pod({ scrape: "true", scheme: "gopher" }), rules)!.__scheme__, "http");
    });

    it("labels targets with namespace and pod", () => {
        const t = relabel(pod({ scrape: "true" }), rules)!;
        assert.deepStrictEqual([t.namespace, t.pod], ["shop", "checkout-7d9"]);
    });
});
