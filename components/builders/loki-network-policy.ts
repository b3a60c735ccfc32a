/**
 * Ingress rules of Loki's NetworkPolicy (prod, `protection.networkPolicies`): who may talk to
 * the single binary (distributed mode: builders/loki/distributed-network-policy.ts). Egress
 * stays open: the ruler calls Alertmanager and every pod needs DNS.
 * All peers live in the stack's namespace, so pod selectors without a namespace selector suffice.
 */
import { selectorLabels } from "../labels";
import { RELEASES } from "./endpoints";
import { EVENT_EXPORTER_APP } from "./event-exporter-config";

/** Loki's HTTP port (push, query, /metrics). */
export const LOKI_HTTP_PORT = 3100;
/** gRPC and memberlist ports the single binary's modules (ruler, querier, ingester) use among replicas. */
const LOKI_PEER_PORTS = [9095, 7946];

/** Labels of the single-binary pods, as the loki chart sets them (fullnameOverride "loki"). */
export const LOKI_POD_LABELS = {
    "app.kubernetes.io/name": "loki",
    "app.kubernetes.io/instance": RELEASES.loki,
    "app.kubernetes.io/component": "single-binary",
};

/** Who may reach Loki's HTTP port, by pod labels. */
export const LOKI_CLIENTS: Record<string, Record<string, string>> = {
    // Both agent charts label pods with their release as instance (promtail or alloy as name).
    logAgent: { "app.kubernetes.io/instance": RELEASES.logAgent },
    eventExporter: selectorLabels(EVENT_EXPORTER_APP, RELEASES.eventExporter),
    // Grafana's datasource queries; the grafana chart's name label.
    grafana: { "app.kubernetes.io/name": "grafana" },
    // Prometheus scrapes /metrics (the operator labels Prometheus pods with this name).
    prometheus: { "app.kubernetes.io/name": "prometheus" },
};

const tcp = (port: number) => ({ port, protocol: "TCP" });

/** The NetworkPolicy spec. */
export function lokiNetworkPolicySpec() {
    const lokiPeers = { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": RELEASES.loki };
    return {
        podSelector: { matchLabels: LOKI_POD_LABELS },
        policyTypes: ["Ingress"],
        ingress: [
            {
                from: Object.values(LOKI_CLIENTS).map((matchLabels) => ({ podSelector: { matchLabels } })),
                ports: [tcp(LOKI_HTTP_PORT)],
            },
            // The ruler and the other modules talk to each other over HTTP, gRPC and memberlist.
            {
                from: [{ podSelector: { matchLabels: lokiPeers } }],
                ports: [tcp(LOKI_HTTP_PORT), ...LOKI_PEER_PORTS.map(tcp)],
            },
        ],
    };
}
