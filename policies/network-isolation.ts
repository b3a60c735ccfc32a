/** Prometheus, Alertmanager, Loki, Grafana and Thanos sit behind NetworkPolicies, not open to the whole cluster. */
import { StackValidationPolicy } from "@pulumi/policy";
import { Component, COMPONENTS, componentOf, podLabelsOfObject } from "./lib/components";
import { configWithDefaults } from "./lib/config";
import { objectName, objectNamespace } from "./lib/k8s";
import { admitsEveryPort, clusterWideSource, ingressView, networkPoliciesOf, ruleName } from "./lib/network-policies";
import { reportingUnknowns, UNKNOWN, unknownMessage } from "./lib/unknowns";

export interface NetworkIsolationConfig {
    /** Components whose pods must be isolated: any of prometheus, alertmanager, loki, grafana. */
    components: Component[];
}

export const NETWORK_ISOLATION_DEFAULTS: NetworkIsolationConfig = { components: [...COMPONENTS] };

/** Where each component's NetworkPolicy comes from, for the messages. */
const HINTS: Record<Component, string> = {
    prometheus: "kube-prometheus-stack: prometheus.networkPolicy",
    alertmanager: "kube-prometheus-stack: alertmanager.networkPolicy",
    loki: "the program creates Loki's own",
    grafana: "kube-prometheus-stack: grafana.networkPolicy",
    thanos: "the program creates Thanos' own with prometheus.longTerm",
};

const TITLES: Record<Component, string> = { prometheus: "Prometheus", alertmanager: "Alertmanager", loki: "Loki", grafana: "Grafana", thanos: "Thanos" };

/** What to turn on, for the messages. */
const REMEDY = "turn NetworkPolicies on (stack config protection.networkPolicies)";

export const networkIsolation: StackValidationPolicy = {
    name: "network-isolation",
    description: "Prometheus, Alertmanager, Loki, Grafana and Thanos pods are selected by an ingress NetworkPolicy that does not admit every source on every port, for the components the stack's config lists.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            components: {
                type: "array",
                items: { type: "string", enum: [...COMPONENTS] },
                default: NETWORK_ISOLATION_DEFAULTS.components,
                description: "Components whose pods must be isolated for ingress by a NetworkPolicy: prometheus, alertmanager, loki, grafana, thanos.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const { components } = configWithDefaults(NETWORK_ISOLATION_DEFAULTS, args);
        const networkPolicies = networkPoliciesOf(args.resources);
        for (const r of args.resources) {
            // Recognised from the type and metadata only (lib/components.ts): other objects are not read.
            const component = componentOf(r.type, r.props);
            if (component === undefined || !components.includes(component)) {
                continue;
            }
            const name = objectName(r.props, r.name);
            const subject = `${TITLES[component]} ${name}`;
            const report = (message: string) => reportViolation(message, r.urn);
            reportingUnknowns(subject, report, () => {
                const namespace = objectNamespace(r.props);
                if (namespace === UNKNOWN) {
                    report(unknownMessage(subject, "metadata.namespace"));
                    return;
                }
                const view = ingressView({ namespace, labels: podLabelsOfObject(r.type, r.props, name) }, networkPolicies);
                // One rule that lets everyone in on every port undoes every other policy.
                const open = view.rules.find((rule) => admitsEveryPort(rule) && clusterWideSource(rule) !== undefined);
                if (open !== undefined) {
                    report(`${subject} accepts ${clusterWideSource(open)} on every port through ${ruleName(open)}, which leaves it open to the whole cluster; ` +
                        "narrow that rule's `from` to the clients it needs, or its `ports`.");
                } else if (view.unseen.length > 0) {
                    const unseen = view.unseen[0];
                    report(unknownMessage(unseen.subject, unseen.path, `compute it from stack config or literal values so a preview can tell whether it opens ${subject}`));
                } else if (view.policies.length === 0) {
                    report(`${subject} is selected by no NetworkPolicy for ingress in namespace ${namespace}, so every pod in the cluster can reach it; ` +
                        `${REMEDY}, or add one that selects its pods (${HINTS[component]}).`);
                }
            });
        }
    },
};
