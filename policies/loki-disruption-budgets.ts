/**
 * Distributed Loki's components that run more than one replica have a PodDisruptionBudget: a
 * node drain that evicts every distributor stops every push, every ingester loses what it holds
 * in memory, every querier stops Grafana's log panels. The loki chart renders a budget per
 * component only with `<component>.podDisruptionBudget.enabled` (templates/_pdb.tpl), except the
 * zone-aware ingesters' rollout budget. A component's replicas are counted over all its
 * workloads, since the ingesters run as one StatefulSet per zone under one budget.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { budgetProblem } from "./lib/disruption-budgets";
import { objectName, objectNamespace, podLabelsOf, TYPES } from "./lib/k8s";
import { reportingUnknowns, unknownMessage } from "./lib/unknowns";

/** The `app.kubernetes.io/component` values of the chart's Distributed mode. */
export const LOKI_DISTRIBUTED_COMPONENTS = ["distributor", "ingester", "querier", "query-frontend", "query-scheduler", "compactor", "index-gateway", "ruler", "gateway"];

const WORKLOADS: readonly string[] = [TYPES.deployment, TYPES.statefulSet];

/** The distributed Loki component a workload runs, from its pods' labels; undefined otherwise. */
function componentOf(r: PolicyResource): string | undefined {
    if (!WORKLOADS.includes(r.type)) {
        return undefined;
    }
    const labels = podLabelsOf(r.type, r.props);
    const component = labels["app.kubernetes.io/component"];
    return labels["app.kubernetes.io/name"] === "loki" && component !== undefined && LOKI_DISTRIBUTED_COMPONENTS.includes(component) ? component : undefined;
}

export const lokiDisruptionBudgets: StackValidationPolicy = {
    name: "loki-disruption-budgets",
    description: "Every distributed Loki component with more than one replica has a PodDisruptionBudget that lets at least one but not every replica go at once.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const pdbs = args.resources.filter((r) => r.type === TYPES.pdb);
        const byComponent = new Map<string, PolicyResource[]>();
        for (const r of args.resources) {
            const component = componentOf(r);
            if (component !== undefined) {
                byComponent.set(component, [...(byComponent.get(component) ?? []), r]);
            }
        }
        for (const [component, workloads] of byComponent) {
            const subject = `Loki ${component}`;
            const total = { replicas: 0 };
            let counted = true;
            for (const w of workloads) {
                // Deployments and StatefulSets run one pod when spec.replicas is unset.
                reportingUnknowns(`${subject} ${objectName(w.props, w.name)}`, (m) => { counted = false; reportViolation(m, w.urn); }, () => {
                    total.replicas += w.props.spec?.replicas ?? 1;
                });
            }
            if (!counted || total.replicas <= 1) {
                continue;
            }
            for (const w of workloads) {
                const name = objectName(w.props, w.name);
                const problem = budgetProblem(podLabelsOf(w.type, w.props), objectNamespace(w.props), total.replicas, pdbs, `${subject} ${name}`);
                if (typeof problem === "string") {
                    reportViolation(`${subject} (${name}, ${total.replicas} replicas) ${problem} (loki chart: ${component.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}.podDisruptionBudget.enabled with maxUnavailable 1).`, w.urn);
                } else if (problem !== undefined) {
                    reportViolation(unknownMessage(problem.subject, problem.path, `compute it from stack config or literal values so a preview can tell whether it covers ${subject}`), w.urn);
                }
            }
        }
    },
};
