/**
 * Where NetworkPolicies are on (prod), Loki admits only the clients its own policy lists
 * (builders/loki-network-policy.ts). NetworkPolicies add up, so this second policy on the Loki
 * pods admits the kube-bench reporter to the push port without touching Loki's.
 */
import { LOKI_HTTP_PORT, LOKI_POD_LABELS } from "../loki-network-policy";

/** Labels every kube-bench job pod carries (builders/kube-bench/job.ts). */
export const KUBE_BENCH_POD_LABELS = { "app.kubernetes.io/name": "kube-bench" } as const;

export function lokiFromKubeBenchPolicySpec() {
    return {
        podSelector: { matchLabels: LOKI_POD_LABELS },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: KUBE_BENCH_POD_LABELS } }], ports: [{ port: LOKI_HTTP_PORT, protocol: "TCP" }] }],
    };
}
