/**
 * Whether PodDisruptionBudgets guard a set of pods: one must select them, in their namespace,
 * and let at least one but not every replica go at once. Shared by the policies that require
 * budgets (Prometheus and Alertmanager, distributed Loki).
 */
import type { PolicyResource } from "@pulumi/policy";
import { Json, objectName, objectNamespace } from "./k8s";
import { selectorMatches } from "./selectors";
import { known, UNKNOWN } from "./unknowns";

/** A budget value a preview does not know, which keeps the check from telling. */
export type Unseen = { subject: string; path: string };

/**
 * What is wrong with the budgets of pods with these labels in namespace `ns`, or the budget value a preview
 * does not know that keeps the check from telling. A budget whose namespace or selector is not
 * known cannot be matched; the answer is then only given when the known budgets settle it.
 */
export function budgetProblem(labels: Record<string, string>, ns: string | typeof UNKNOWN, replicas: number, pdbs: PolicyResource[], subject: string): string | Unseen | undefined {
    if (ns === UNKNOWN) {
        return { subject, path: "metadata.namespace" };
    }
    const unseen: Unseen[] = [];
    const allowed: number[] = [];
    for (const p of pdbs) {
        const budget = `PodDisruptionBudget ${objectName(p.props, p.name)}`;
        // The selector first: a known one that does not select these pods rules the budget out
        // whatever its namespace.
        const pns = objectNamespace(p.props);
        const selects = known(() => selectorMatches(p.props.spec?.selector, labels));
        if ("unknown" in selects || (selects.value && pns === UNKNOWN)) {
            unseen.push({ subject: budget, path: "unknown" in selects ? selects.unknown : "metadata.namespace" });
            continue;
        }
        if (!selects.value || pns !== ns) {
            continue;
        }
        const count = known(() => disruptionsAllowed(p.props.spec ?? {}, replicas));
        if ("unknown" in count) {
            unseen.push({ subject: budget, path: count.unknown });
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
export function disruptionsAllowed(spec: Json, replicas: number): number {
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
