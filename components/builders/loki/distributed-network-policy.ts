/**
 * Loki's NetworkPolicies in distributed mode (prod, `protection.networkPolicies`). Clients reach
 * only the gateway's nginx port; the Loki components reach each other on the HTTP, gRPC and
 * memberlist ports every component's container declares in the chart (3100, 9095, 7946), and
 * Prometheus scrapes their HTTP port. Egress stays open: the object store and Alertmanager are
 * reached from the components, and every pod needs DNS.
 */
import { RELEASES } from "../endpoints";
import { LOKI_CLIENTS, LOKI_HTTP_PORT } from "../loki-network-policy";

/** The gateway's nginx container port (chart value gateway.containerPort; its Service maps 80 to it). */
export const LOKI_GATEWAY_CONTAINER_PORT = 8080;
/** gRPC and memberlist ports of every Loki component container (loki.server.grpc_listen_port, memberlist bind_port). */
const LOKI_PEER_PORTS = [9095, 7946];

/** Labels of every pod of the loki release, gateway included. */
export const LOKI_RELEASE_POD_LABELS = { "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": RELEASES.loki };
/** Labels of the gateway's pods (the chart's loki.gatewaySelectorLabels). */
export const LOKI_GATEWAY_POD_LABELS = { ...LOKI_RELEASE_POD_LABELS, "app.kubernetes.io/component": "gateway" };

const tcp = (port: number) => ({ port, protocol: "TCP" });

/** Who pushes or queries through the gateway: every client of monolithic mode except Prometheus, which only scrapes. */
export const LOKI_GATEWAY_CLIENTS = Object.fromEntries(Object.entries(LOKI_CLIENTS).filter(([client]) => client !== "prometheus"));

/** The gateway: pushes and queries from the stack's clients, on the nginx port only. */
export function lokiGatewayNetworkPolicySpec() {
    return {
        podSelector: { matchLabels: LOKI_GATEWAY_POD_LABELS },
        policyTypes: ["Ingress"],
        ingress: [{
            from: Object.values(LOKI_GATEWAY_CLIENTS).map((matchLabels) => ({ podSelector: { matchLabels } })),
            ports: [tcp(LOKI_GATEWAY_CONTAINER_PORT)],
        }],
    };
}

/**
 * Every pod of the release: the components among themselves (the gateway proxying to the
 * distributors and query frontends included), and Prometheus' scrapes of /metrics.
 */
export function lokiComponentsNetworkPolicySpec() {
    return {
        podSelector: { matchLabels: LOKI_RELEASE_POD_LABELS },
        policyTypes: ["Ingress"],
        ingress: [
            { from: [{ podSelector: { matchLabels: LOKI_RELEASE_POD_LABELS } }], ports: [tcp(LOKI_HTTP_PORT), ...LOKI_PEER_PORTS.map(tcp)] },
            { from: [{ podSelector: { matchLabels: LOKI_CLIENTS.prometheus } }], ports: [tcp(LOKI_HTTP_PORT)] },
        ],
    };
}
