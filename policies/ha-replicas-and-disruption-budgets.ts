/** Prometheus and Alertmanager run highly available: enough replicas, guarded by a PDB. */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isObject, Json, objectName, objectNamespace, selectorMatches, TYPES } from "./lib/k8s";

export interface HaConfig {
    /** Fewest replicas each Prometheus and Alertmanager may run. */
    minReplicas: number;
    /** Require a PodDisruptionBudget that selects the pods and lets one go at a time. */
    requirePodDisruptionBudget: boolean;
}

export const HA_DEFAULTS: HaConfig = { minReplicas: 2, requirePodDisruptionBudget: true };

const KINDS: Record<string, { kind: string; app: string; nameLabel: string; value: string }> = {
    [TYPES.prometheus]: { kind: "Prometheus", app: "prometheus", nameLabel: "operator.prometheus.io/name", value: "prometheus.prometheusSpec.replicas and prometheus.podDisruptionBudget" },
    [TYPES.alertmanager]: { kind: "Alertmanager", app: "alertmanager", nameLabel: "alertmanager", value: "alertmanager.alertmanagerSpec.replicas and alertmanager.podDisruptionBudget" },
};

/** Labels the Prometheus Operator puts on the pods of a Prometheus or Alertmanager. */
export function operatorPodLabels(type: string, props: Json, name: string): Record<string, string> {
    const kind = KINDS[type];
    const extra = isObject(props.spec?.podMetadata?.labels) ? props.spec.podMetadata.labels : {};
    return {
        ...extra,
        "app.kubernetes.io/name": kind.app,
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/managed-by": "prometheus-operator",
        [kind.app]: name,
        [kind.nameLabel]: name,
    };
}

export const haReplicasAndDisruptionBudgets: StackValidationPolicy = {
    name: "ha-replicas-and-disruption-budgets",
    description: "Each Prometheus and Alertmanager runs at least the configured number of replicas and has a PodDisruptionBudget that lets only part of them go at once.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minReplicas: { type: "integer", minimum: 1, default: HA_DEFAULTS.minReplicas, description: "Fewest replicas each Prometheus and Alertmanager may run." },
            requirePodDisruptionBudget: { type: "boolean", default: HA_DEFAULTS.requirePodDisruptionBudget, description: "Require a PodDisruptionBudget selecting the pods that allows at least one and at most replicas-1 disruptions." },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = configWithDefaults(HA_DEFAULTS, args);
        const pdbs = args.resources.filter((r) => r.type === TYPES.pdb);
        for (const r of args.resources.filter((res) => KINDS[res.type] !== undefined)) {
            const kind = KINDS[r.type];
            const name = objectName(r.props, r.name);
            // The operator runs one replica when spec.replicas is unset.
            const replicas = typeof r.props.spec?.replicas === "number" ? r.props.spec.replicas : 1;
            if (replicas < config.minReplicas) {
                reportViolation(`${kind.kind} ${name} runs ${replicas} replica(s); set spec.replicas to at least ${config.minReplicas} (${kind.value}).`, r.urn);
            }
            if (config.requirePodDisruptionBudget) {
                const problem = pdbProblem(r, name, replicas, pdbs);
                if (problem !== undefined) {
                    reportViolation(`${kind.kind} ${name} ${problem} (${kind.value}).`, r.urn);
                }
            }
        }
    },
};

function pdbProblem(r: PolicyResource, name: string, replicas: number, pdbs: PolicyResource[]): string | undefined {
    const labels = operatorPodLabels(r.type, r.props, name);
    const ns = objectNamespace(r.props);
    const matching = pdbs.filter((p) => objectNamespace(p.props) === ns && selectorMatches(p.props.spec?.selector, labels));
    if (matching.length === 0) {
        return "has no PodDisruptionBudget selecting its pods, so a node drain can evict every replica at once; add one with minAvailable 1";
    }
    const allowed = Math.max(...matching.map((p) => disruptionsAllowed(p.props.spec ?? {}, replicas)));
    if (allowed < 1) {
        return `has a PodDisruptionBudget that allows no disruption with ${replicas} replica(s), which blocks node drains; lower minAvailable below the replica count`;
    }
    if (allowed >= replicas) {
        return "has a PodDisruptionBudget that lets every replica go at once; set minAvailable to at least 1";
    }
    return undefined;
}

/** Pods a PDB lets go at once for this many replicas (percentages round as the eviction API does). */
function disruptionsAllowed(spec: Json, replicas: number): number {
    const count = (v: unknown, roundUp: boolean): number => {
        if (typeof v === "string" && v.endsWith("%")) {
            const exact = (replicas * Number(v.slice(0, -1))) / 100;
            return roundUp ? Math.ceil(exact) : Math.floor(exact);
        }
        return Number(v);
    };
    if (spec.minAvailable !== undefined) {
        return replicas - count(spec.minAvailable, true);
    }
    if (spec.maxUnavailable !== undefined) {
        return count(spec.maxUnavailable, true);
    }
    return 0;
}
