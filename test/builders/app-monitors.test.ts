import * as assert from "assert";
import { annotatedPodsScrapeConfig, appMonitor, appObjectName, MonitorSpec } from "../../components/builders/app-monitors";
import { appMatchers } from "../../components/builders/rules/apps";
import type { AppConfig } from "../../components/schema";
import { stackConfig } from "../helpers/config";

/**
 * The subset of Prometheus relabelling the annotation job uses (keep, drop, replace), with
 * Prometheus' semantics: `;`-joined source labels, a fully anchored regex, $n replacements.
 */
type Labels = Record<string, string>;
function relabel(labels: Labels, rules: Record<string, any>[]): Labels | undefined {
    let out = { ...labels };
    for (const rule of rules) {
        const value = ((rule.source_labels ?? []) as string[]).map((l) => out[l] ?? "").join(";");
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

/**
 * The labels the Prometheus Operator (v0.93, pkg/prometheus/promcfg.go) gives a monitor's
 * target, in its order: `namespace` from the target, `job` from the Service (ServiceMonitor) or
 * `<monitor namespace>/<monitor name>` (PodMonitor), then the endpoint's own relabelings.
 */
function operatorTargetLabels(monitor: MonitorSpec, monitorNamespace: string, target: Labels): Labels | undefined {
    const endpoint = ((monitor.spec.endpoints ?? monitor.spec.podMetricsEndpoints) as Record<string, any>[])[0];
    const job = monitor.kind === "PodMonitor"
        ? { target_label: "job", replacement: `${monitorNamespace}/${monitor.metadata.name}` }
        : { source_labels: ["__meta_kubernetes_service_name"], target_label: "job" };
    const own = (endpoint.relabelings as Record<string, any>[]).map((r) => ({
        action: r.action, source_labels: r.sourceLabels, regex: r.regex, target_label: r.targetLabel, replacement: r.replacement,
    }));
    return relabel(target, [{ action: "replace", source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }, { action: "replace", ...job }, ...own]);
}

/** Whether labels satisfy PromQL equality and regex matchers such as `job="checkout"`. */
function satisfies(labels: Labels, matchers: string[]): boolean {
    return matchers.every((m) => {
        const [, name, op, quoted] = /^(\w+)(=~|=)(".*")$/.exec(m)!;
        const value = JSON.parse(quoted) as string;
        return op === "=" ? labels[name] === value : new RegExp(`^(?:${value})$`).test(labels[name] ?? "");
    });
}

describe("appMonitor", () => {
    const prod = stackConfig("prod");
    const checkout = prod.apps.find((a) => a.name === "checkout")!;
    const catalog = prod.apps.find((a) => a.name === "catalog")!;

    it("gives an app with monitor: service a ServiceMonitor that selects the app's namespace from outside it", () => {
        const m = appMonitor(checkout);
        assert.strictEqual(m.apiVersion, "monitoring.coreos.com/v1");
        assert.strictEqual(m.kind, "ServiceMonitor");
        assert.strictEqual(m.metadata.name, "app.shop.checkout");
        assert.strictEqual((m.metadata as Record<string, unknown>).namespace, undefined, "the component puts it in the stack namespace");
        assert.deepStrictEqual(m.spec.selector, { matchLabels: { "app.kubernetes.io/name": "checkout" } });
        assert.deepStrictEqual(m.spec.namespaceSelector, { matchNames: ["shop"] });
        const [endpoint] = m.spec.endpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.port, endpoint.path, endpoint.interval], ["http-metrics", "/metrics", "30s"]);
    });

    it("gives an app with monitor: pod a PodMonitor on the configured port", () => {
        const m = appMonitor(catalog);
        assert.strictEqual(m.kind, "PodMonitor");
        assert.strictEqual(m.metadata.name, "app.shop.catalog");
        assert.deepStrictEqual(m.spec.selector, { matchLabels: { app: "catalog" } });
        assert.deepStrictEqual(m.spec.namespaceSelector, { matchNames: ["shop"] });
        const [endpoint] = m.spec.podMetricsEndpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.port, endpoint.path, endpoint.interval], ["metrics", "/metrics", "30s"]);
        assert.strictEqual(m.spec.endpoints, undefined);
    });

    // prometheus-operator v0.93 CRDs: a ServiceMonitor endpoint takes a container port number in
    // targetPort, a PodMonitor endpoint in portNumber; `port` is a name only.
    it("scrapes a ServiceMonitor app's container port by number through targetPort", () => {
        const [endpoint] = appMonitor({ ...checkout, port: 8080 }).spec.endpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.targetPort, endpoint.port], [8080, undefined]);
    });

    it("scrapes a PodMonitor app's container port by number through portNumber", () => {
        const [endpoint] = appMonitor({ ...catalog, port: 9102 }).spec.podMetricsEndpoints as Record<string, unknown>[];
        assert.deepStrictEqual([endpoint.portNumber, endpoint.port, endpoint.targetPort], [9102, undefined, undefined]);
    });

    it("reads a quoted port number as the number, since a port name always holds a letter", () => {
        const app = stackConfig("dev", { apps: [{ name: "web", namespace: "shop", selector: { app: "web" }, port: "8080" }] }).apps[0];
        assert.strictEqual(app.port, 8080);
        assert.strictEqual((appMonitor(app).spec.endpoints as Record<string, unknown>[])[0].targetPort, 8080);
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

    it("gives the targets of a monitor in the stack namespace the job and namespace the app's rules and dashboard select", () => {
        const service = { __meta_kubernetes_namespace: "shop", __meta_kubernetes_service_name: "checkout-svc", __meta_kubernetes_pod_name: "checkout-7d9" };
        for (const app of [checkout, catalog]) {
            const labels = operatorTargetLabels(appMonitor(app), "monitoring", service)!;
            assert.deepStrictEqual([labels.job, labels.namespace], [app.name, "shop"], app.name);
            assert.ok(satisfies(labels, appMatchers(app)), `${app.name}: ${JSON.stringify(labels)} vs ${appMatchers(app).join(", ")}`);
        }
    });

    it("reads a reply without a valid Content-Type as Prometheus text, as Prometheus 2 did, instead of failing the scrape", () => {
        for (const app of [checkout, catalog]) {
            assert.strictEqual(appMonitor(app).spec.fallbackScrapeProtocol, "PrometheusText0.0.4", app.name);
        }
    });
});

describe("appObjectName", () => {
    const app = (namespace: string, name: string) => ({ namespace, name }) as Pick<AppConfig, "namespace" | "name">;
    // A DNS-1123 subdomain: what the API server accepts as a custom resource's name.
    const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

    it("keeps apps apart whose namespace and name join to the same string with a dash", () => {
        const a = appObjectName(app("shop", "eu-checkout"));
        const b = appObjectName(app("shop-eu", "checkout"));
        assert.notStrictEqual(a, b);
        assert.deepStrictEqual([a, b], ["app.shop.eu-checkout", "app.shop-eu.checkout"]);
    });

    it("is a valid object name of at most 253 characters for the longest namespace and name", () => {
        const name = appObjectName(app("n".repeat(63), "a".repeat(63)));
        assert.ok(name.length <= 253, `${name.length} characters`);
        assert.match(name, DNS_SUBDOMAIN);
    });

    it("never equals a name from before the move (the app's name, or app-<namespace>-<name>), so an upgrade never creates an object over an old one", () => {
        for (const [namespace, name] of [["shop", "checkout"], ["app", "shop"], ["shop-eu", "checkout"]]) {
            const now = appObjectName(app(namespace, name));
            assert.ok(![name, `app-${namespace}-${name}`].includes(now), now);
            assert.ok(now.includes("."), "old names had no dot");
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
