/** Prometheus and Alertmanager run highly available: enough replicas, guarded by a PDB. */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { operatorPodLabels } from "./lib/components";
import { configWithDefaults } from "./lib/config";
import { Json, objectName, objectNamespace, TYPES } from "./lib/k8s";
import { selectorMatches } from "./lib/selectors";
import { known, reportingUnknowns, UNKNOWN, unknownMessage } from "./lib/unknowns";

export interface HaConfig {
    /** Fewest replicas each Prometheus and Alertmanager may run. */
    minReplicas: number;
    /** Require a PodDisruptionBudget that selects the pods and lets one go at a time. */
    requirePodDisruptionBudget: boolean;
}

export const HA_DEFAULTS: HaConfig = { minReplicas: 2, requirePodDisruptionBudget: true };

const KINDS: Record<string, { kind: string; value: string }> = {
    [TYPES.prometheus]: { kind: "Prometheus", value: "prometheus.prometheusSpec.replicas and prometheus.podDisruptionBudget" },
    [TYPES.alertmanager]: { kind: "Alertmanager", value: "alertmanager.alertmanagerSpec.replicas and alertmanager.podDisruptionBudget" },
};

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
            const report = (message: string) => reportViolation(message, r.urn);
            // One object at a time: a value a preview does not know is reported for that object
            // (unknowns.ts) and the other objects are still checked.
            reportingUnknowns(`${kind.kind} ${name}`, report, () => {
                // The operator runs one replica when spec.replicas is unset.
                const replicas = typeof r.props.spec?.replicas === "number" ? r.props.spec.replicas : 1;
                if (replicas < config.minReplicas) {
                    report(`${kind.kind} ${name} runs ${replicas} replica(s); set spec.replicas to at least ${config.minReplicas} (${kind.value}).`);
                }
                if (!config.requirePodDisruptionBudget) {
                    return;
                }
                const problem = pdbProblem(r, name, replicas, pdbs);
                if (typeof problem === "string") {
                    report(`${kind.kind} ${name} ${problem} (${kind.value}).`);
                } else if (problem !== undefined) {
                    report(unknownMessage(problem.subject, problem.path, `compute it from stack config or literal values so a preview can tell whether it covers ${kind.kind} ${name}`));
                }
            });
        }
    },
};

type Unseen = { subject: string; path: string };

/**
 * What is wrong with the budgets of a Prometheus or Alertmanager, or the budget value a preview
 * does not know that keeps the check from telling. A budget whose namespace or selector is not
 * known cannot be matched; the answer is then only given when the known budgets settle it.
 */
function pdbProblem(r: PolicyResource, name: string, replicas: number, pdbs: PolicyResource[]): string | Unseen | undefined {
    const labels = operatorPodLabels(r.type, r.props, name);
    const ns = objectNamespace(r.props);
    if (ns === UNKNOWN) {
        return { subject: `${KINDS[r.type].kind} ${name}`, path: "metadata.namespace" };
    }
    const unseen: Unseen[] = [];
    const allowed: number[] = [];
    for (const p of pdbs) {
        const subject = `PodDisruptionBudget ${objectName(p.props, p.name)}`;
        // The selector first: a known one that does not select these pods rules the budget out
        // whatever its namespace.
        const pns = objectNamespace(p.props);
        const selects = known(() => selectorMatches(p.props.spec?.selector, labels));
        if ("unknown" in selects || (selects.value && pns === UNKNOWN)) {
            unseen.push({ subject, path: "unknown" in selects ? selects.unknown : "metadata.namespace" });
            continue;
        }
        if (!selects.value || pns !== ns) {
            continue;
        }
        const count = known(() => disruptionsAllowed(p.props.spec ?? {}, replicas));
        if ("unknown" in count) {
            unseen.push({ subject, path: count.unknown });
        } else {
            allowed.push(count.value);
        }
    }
    const most = allowed.length > 0 ? Math.max(...allowed) : undefined;
    // More budgets can only allow more: known ones that already let every replica go settle it.
    const settled = most !== undefined && most >= 1 && most >= replicas;
    if (unseen.length > 0 && !settled) {
        return unseen[0];
    }
    if (most === undefined) {
        return "has no PodDisruptionBudget selecting its pods, so a node drain can evict every replica at once; add one with minAvailable 1";
    }
    if (most < 1) {
        return `has a PodDisruptionBudget that allows no disruption with ${replicas} replica(s), which blocks node drains; lower minAvailable below the replica count`;
    }
    if (most >= replicas) {
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
