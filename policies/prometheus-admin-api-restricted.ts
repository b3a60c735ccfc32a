/** A Prometheus with its admin API on is reachable only from the clients NetworkPolicies name. */
import { StackValidationPolicy } from "@pulumi/policy";
import { operatorPodLabels } from "./lib/components";
import { Json, objectName, objectNamespace, TYPES } from "./lib/k8s";
import { admitsPort, clusterWideSource, ingressView, networkPoliciesOf, ruleName } from "./lib/network-policies";
import { reportingUnknowns, UNKNOWN, unknownMessage } from "./lib/unknowns";

/** The container port the operator gives Prometheus' web server, API and admin API. */
export const PROMETHEUS_WEB_PORT = 9090;

/** The operator's name for that port when `spec.portName` is unset (kube-prometheus-stack sets http-web). */
const DEFAULT_PORT_NAME = "web";

/** What the admin API allows, for the messages. */
const RISK = "anyone who can run a pod can delete series and fill the volume with TSDB snapshots";

/** How to fix it, for the messages. */
const REMEDY = "turn the admin API off (backups.prometheus: false; kube-prometheus-stack: prometheus.prometheusSpec.enableAdminAPI)";

export const prometheusAdminApiRestricted: StackValidationPolicy = {
    name: "prometheus-admin-api-restricted",
    description: "A Prometheus with the admin API enabled is selected by an ingress NetworkPolicy, and no rule admits the whole cluster to its web port.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const networkPolicies = networkPoliciesOf(args.resources);
        for (const r of args.resources.filter((res) => res.type === TYPES.prometheus)) {
            const name = objectName(r.props, r.name);
            const subject = `Prometheus ${name}`;
            const report = (message: string) => reportViolation(message, r.urn);
            // A spec.enableAdminAPI a preview does not know is reported: nothing else tells whether the API is on.
            reportingUnknowns(subject, report, () => {
                const problem = adminApiProblem(r.type, r.props, name, networkPolicies);
                if (problem !== undefined) {
                    report(problem);
                }
            });
        }
    },
};

function adminApiProblem(type: string, props: Json, name: string, networkPolicies: ReturnType<typeof networkPoliciesOf>): string | undefined {
    const subject = `Prometheus ${name}`;
    const spec = props.spec ?? {};
    // listenLocal binds the web server to 127.0.0.1: nothing outside the pod reaches it.
    if (spec.enableAdminAPI !== true || spec.listenLocal === true) {
        return undefined;
    }
    const namespace = objectNamespace(props);
    if (namespace === UNKNOWN) {
        return unknownMessage(subject, "metadata.namespace");
    }
    const portName = typeof spec.portName === "string" ? spec.portName : DEFAULT_PORT_NAME;
    const view = ingressView({ namespace, labels: operatorPodLabels(type, props, name) }, networkPolicies);
    const open = view.rules.find((rule) => admitsPort(rule, PROMETHEUS_WEB_PORT, portName) && clusterWideSource(rule) !== undefined);
    if (open !== undefined) {
        return `${subject} enables the admin API (spec.enableAdminAPI), and ${ruleName(open)} admits ${clusterWideSource(open)} to its web port ${PROMETHEUS_WEB_PORT}, so ${RISK}; ` +
            `narrow that rule to the stack's namespace or named clients, or ${REMEDY}.`;
    }
    if (view.unseen.length > 0) {
        const unseen = view.unseen[0];
        return unknownMessage(unseen.subject, unseen.path, `compute it from stack config or literal values so a preview can tell whether it opens the admin API of ${subject}`);
    }
    if (view.policies.length === 0) {
        return `${subject} enables the admin API (spec.enableAdminAPI), but no NetworkPolicy for ingress selects its pods, so ${RISK}; ` +
            `turn NetworkPolicies on (stack config protection.networkPolicies; kube-prometheus-stack: prometheus.networkPolicy), or ${REMEDY}.`;
    }
    return undefined;
}
