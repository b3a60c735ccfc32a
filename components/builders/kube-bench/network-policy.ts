/**
 * Where NetworkPolicies are on (prod), Loki admits only the clients its own policy lists
 * (builders/loki-network-policy.ts). NetworkPolicies add up, so this second policy on the Loki
 * pods admits the kube-bench reporter to the push port without touching Loki's. In distributed
 * mode the reporter pushes through the gateway, so the policy admits it there.
 */
import type { LokiMode } from "../endpoints";
import { LOKI_GATEWAY_CONTAINER_PORT, LOKI_GATEWAY_POD_LABELS } from "../loki/distributed-network-policy";
import { LOKI_HTTP_PORT, LOKI_POD_LABELS } from "../loki-network-policy";

/** Labels every kube-bench job pod carries (builders/kube-bench/job.ts). */
export const KUBE_BENCH_POD_LABELS = { "app.kubernetes.io/name": "kube-bench" } as const;

export function lokiFromKubeBenchPolicySpec(mode: LokiMode) {
    const [pods, port] = mode === "distributed" ? [LOKI_GATEWAY_POD_LABELS, LOKI_GATEWAY_CONTAINER_PORT] : [LOKI_POD_LABELS, LOKI_HTTP_PORT];
    return {
        podSelector: { matchLabels: pods },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: KUBE_BENCH_POD_LABELS } }], ports: [{ port, protocol: "TCP" }] }],
    };
}
