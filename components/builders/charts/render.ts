/**
 * How a chart is rendered without a cluster (`kubernetes.renderYamlTo`): the API versions the
 * charts may assume and the hooks left out, as helm.v4.Chart does against a cluster. Pure, so the
 * render tier and the program agree.
 */

/**
 * API groups the charts test with `.Capabilities.APIVersions` before rendering monitors and
 * disruption budgets. A live cluster reports them itself; rendering states them, because
 * kube-prometheus-stack installs the monitoring.coreos.com CRDs in the same update.
 */
export const RENDER_API_VERSIONS = ["monitoring.coreos.com/v1", "policy/v1/PodDisruptionBudget"];

/** A Kubernetes object as a helm.v3.Chart transformation receives it. */
export type Manifest = Record<string, unknown> & { metadata?: { annotations?: Record<string, string> } };

/**
 * A helm.v3.Chart transformation that leaves Helm hooks out, as helm.v4.Chart renders with hooks
 * disabled, so both modes deploy the same set. An empty List is how a transformation drops an
 * object (the SDK registers nothing for it).
 */
export function dropHelmHooks(obj: Manifest): void {
    if (obj.metadata?.annotations?.["helm.sh/hook"] === undefined) {
        return;
    }
    for (const key of Object.keys(obj)) {
        delete obj[key];
    }
    Object.assign(obj, { apiVersion: "v1", kind: "List", items: [] });
}
