/**
 * Ingress of Thanos' NetworkPolicy (`protection.networkPolicies`). Query answers Grafana and
 * scrapes; the Store Gateway answers Query's gRPC; the Compactor only serves its metrics. Every
 * client lives in the stack's namespace. Egress stays open: the object store is outside it.
 */
import { RELEASES, THANOS_PORTS } from "./endpoints";


const tcp = (port: number) => ({ port, protocol: "TCP" });

/** Labels the thanos chart puts on every component's pods. */
export const THANOS_POD_LABELS = { "app.kubernetes.io/instance": RELEASES.thanos } as const;

export function thanosNetworkPolicySpec() {
    const from = (name: string) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name } } });
    return {
        podSelector: { matchLabels: { ...THANOS_POD_LABELS } },
        policyTypes: ["Ingress"],
        ingress: [
            // Grafana's datasource and Prometheus' scrapes (the operator's name label).
            { from: [from("grafana"), from("prometheus")], ports: [tcp(THANOS_PORTS.http)] },
            // Query fans out to the Store Gateway; Query's own pods carry the instance label.
            { from: [{ podSelector: { matchLabels: { ...THANOS_POD_LABELS } } }], ports: [tcp(THANOS_PORTS.grpc), tcp(THANOS_PORTS.http)] },
        ],
    };
}
