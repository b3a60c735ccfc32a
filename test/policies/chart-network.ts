/**
 * Stand-ins for kube-prometheus-stack's NetworkPolicies and the grafana subchart's Ingress, built
 * from the values the templates copy (templates/prometheus/networkpolicy.yaml and
 * alertmanager/networkpolicy.yaml of kube-prometheus-stack 88.5.3, networkpolicy.yaml and
 * ingress.yaml of grafana 12.11.1), reduced to what the pack reads. `npm run test:render`
 * checks the pack against the rendered objects themselves.
 */
import type { PolicyObject } from "./harness";

type Values = Record<string, any>;

/** Makes a namespaced object of the chart: (type token, kind, object name, fields besides metadata). */
export type ChartObject = (type: string, kind: string, name: string, rest: Values) => PolicyObject;

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const tcp = (...ports: number[]) => ports.map((port) => ({ port, protocol: "TCP" }));

/** The Prometheus policy (kubernetes flavor only): the values' rules, both policy types. */
function prometheusPolicy(make: ChartObject, v: Values, full: string): PolicyObject[] {
    const np = v.prometheus?.networkPolicy ?? {};
    if (np.enabled !== true || (np.flavor ?? "kubernetes") !== "kubernetes") {
        return [];
    }
    const podSelector = np.podSelector ?? { matchLabels: { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": `${full}-prometheus` } };
    return [make(NETWORK_POLICY, "NetworkPolicy", `${full}-prometheus`, {
        spec: { ...(np.egress ? { egress: np.egress } : {}), ...(np.ingress ? { ingress: np.ingress } : {}), policyTypes: ["Egress", "Ingress"], podSelector },
    })];
}

/** The Alertmanager policy: the chart's Prometheus and reloader rules, then additionalIngress. */
function alertmanagerPolicy(make: ChartObject, v: Values, full: string): PolicyObject[] {
    const np = v.alertmanager?.networkPolicy ?? {};
    if (np.enabled !== true) {
        return [];
    }
    const ingress = [
        { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }], ports: tcp(9093, 8080) },
        { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager", component: "config-reloader" } } }], ports: tcp(8080) },
        ...(np.additionalIngress ?? []),
    ];
    return [make(NETWORK_POLICY, "NetworkPolicy", `${full}-alertmanager`, {
        spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager" } }, policyTypes: np.policyTypes ?? ["Ingress"], ingress },
    })];
}

/** Grafana's policy: port 3000, from anywhere with allowExternal, else from its clients and namespaces. */
function grafanaPolicy(make: ChartObject, g: Values, name: string, release: string): PolicyObject[] {
    const np = g.networkPolicy ?? {};
    if (np.enabled !== true || np.ingress === false) {
        return [];
    }
    const from = [
        { podSelector: { matchLabels: { [`${name}-client`]: "true" } } },
        ...(np.explicitNamespacesSelector ? [{ namespaceSelector: np.explicitNamespacesSelector }] : []),
    ];
    const rule = { ports: [{ port: 3000 }], ...(np.allowExternal === false ? { from } : {}) };
    return [make(NETWORK_POLICY, "NetworkPolicy", name, {
        spec: { policyTypes: ["Ingress"], podSelector: { matchLabels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": release } }, ingress: [rule] },
    })];
}

/** Grafana's Ingress: one rule per host; `tls` only when the list is not empty (the template's `with`). */
function grafanaIngress(make: ChartObject, g: Values, name: string): PolicyObject[] {
    const ingress = g.ingress ?? {};
    if (ingress.enabled !== true) {
        return [];
    }
    const backend = { service: { name, port: { number: 80 } } };
    const rules = (ingress.hosts ?? []).map((host: string) => ({ host, http: { paths: [{ path: ingress.path ?? "/", pathType: "Prefix", backend }] } }));
    const tls = Array.isArray(ingress.tls) && ingress.tls.length > 0 ? { tls: ingress.tls } : {};
    const className = ingress.ingressClassName === undefined ? {} : { ingressClassName: ingress.ingressClassName };
    return [make("kubernetes:networking.k8s.io/v1:Ingress", "Ingress", name, {
        spec: { ...className, ...tls, rules: rules.length > 0 ? rules : [{ http: { paths: [{ path: "/", pathType: "Prefix", backend }] } }] },
    })];
}

/** The network objects of a kube-prometheus-stack release with these values. */
export function kubePrometheusStackNetwork(make: ChartObject, v: Values, full: string, release: string): PolicyObject[] {
    const g: Values = v.grafana ?? {};
    const grafana = g.fullnameOverride ?? "grafana";
    return [...prometheusPolicy(make, v, full), ...alertmanagerPolicy(make, v, full), ...grafanaPolicy(make, g, grafana, release), ...grafanaIngress(make, g, grafana)];
}
