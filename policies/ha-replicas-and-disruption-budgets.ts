/** Prometheus and Alertmanager run highly available: enough replicas, guarded by a PDB. */
import { StackValidationPolicy } from "@pulumi/policy";
import { operatorPodLabels } from "./lib/components";
import { configWithDefaults } from "./lib/config";
import { budgetProblem } from "./lib/disruption-budgets";
import { objectName, objectNamespace, TYPES } from "./lib/k8s";
import { reportingUnknowns, unknownMessage } from "./lib/unknowns";

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
                const subject = `${kind.kind} ${name}`;
                const problem = budgetProblem(operatorPodLabels(r.type, r.props, name), objectNamespace(r.props), replicas, pdbs, subject);
                if (typeof problem === "string") {
                    report(`${kind.kind} ${name} ${problem} (${kind.value}).`);
                } else if (problem !== undefined) {
                    report(unknownMessage(problem.subject, problem.path, `compute it from stack config or literal values so a preview can tell whether it covers ${kind.kind} ${name}`));
                }
            });
        }
    },
};
