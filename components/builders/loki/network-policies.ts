/** The NetworkPolicies the Loki component creates for each `loki.mode`. */
import { type LokiMode, RELEASES } from "../endpoints";
import { lokiNetworkPolicySpec } from "../loki-network-policy";
import { lokiComponentsNetworkPolicySpec, lokiGatewayNetworkPolicySpec } from "./distributed-network-policy";

/** One NetworkPolicy: its role (resource name and label suffix), object name and spec. */
export interface LokiNetworkPolicy {
    role: string;
    name: string;
    spec: Record<string, unknown>;
}

/**
 * Monolithic: one policy for the single binary. Distributed: one for every component of the
 * release and one for the gateway; NetworkPolicies add up, so clients get only the gateway's port.
 */
export function lokiNetworkPolicies(mode: LokiMode): LokiNetworkPolicy[] {
    if (mode === "monolithic") {
        return [{ role: "network-policy", name: RELEASES.loki, spec: lokiNetworkPolicySpec() }];
    }
    return [
        { role: "network-policy", name: RELEASES.loki, spec: lokiComponentsNetworkPolicySpec() },
        { role: "gateway-network-policy", name: `${RELEASES.loki}-gateway`, spec: lokiGatewayNetworkPolicySpec() },
    ];
}
