/**
 * Which traffic NetworkPolicies admit to a set of pods, as the API defines it
 * (networking.k8s.io/v1): a pod is isolated for ingress once any NetworkPolicy in its namespace
 * that applies to Ingress selects it, and from then on it accepts exactly the union of those
 * policies' ingress rules. Policies add up and never subtract, so one broad rule opens the pod
 * whatever the others say.
 *
 * A NetworkPolicy a preview cannot fully see (its namespace, pod selector or rules computed from
 * another resource's output) could select the pods and open them; it is returned as unseen, and
 * a policy reports it unless what is known already decides the check.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isObject, Json, objectName, objectNamespace, TYPES } from "./k8s";
import { selectorMatches } from "./selectors";
import { known, UNKNOWN } from "./unknowns";

/** Pods as a NetworkPolicy selects them: by namespace and labels. */
export interface Pods {
    namespace: string;
    labels: Record<string, string>;
}

/** One ingress rule of a NetworkPolicy that selects the pods, as plain data. */
export interface IngressRule {
    /** The NetworkPolicy's name. */
    policy: string;
    /** Position in its `spec.ingress`, for messages. */
    index: number;
    /** `from` peers; none means every source. */
    from: Json[];
    /** `ports`; none means every port. */
    ports: Json[];
}

/** A value a preview does not know that keeps a NetworkPolicy from being evaluated. */
export interface Unseen {
    subject: string;
    path: string;
}

export interface IngressView {
    /** Names of the NetworkPolicies that isolate the pods for ingress. */
    policies: string[];
    /** Their ingress rules: the only traffic the pods accept once `policies` is not empty. */
    rules: IngressRule[];
    /** NetworkPolicies that might select the pods, but whose parts a preview does not know. */
    unseen: Unseen[];
}

/** The NetworkPolicies among the stack's resources (by type: always known). */
export function networkPoliciesOf(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => r.type === TYPES.networkPolicy);
}

/** What the NetworkPolicies admit to `pods`. */
export function ingressView(pods: Pods, networkPolicies: PolicyResource[]): IngressView {
    const view: IngressView = { policies: [], rules: [], unseen: [] };
    for (const p of networkPolicies) {
        const name = objectName(p.props, p.name);
        const subject = `NetworkPolicy ${name}`;
        const namespace = objectNamespace(p.props);
        if (namespace !== UNKNOWN && namespace !== pods.namespace) {
            continue;
        }
        const selects = known(() => selectorMatches(p.props.spec?.podSelector, pods.labels));
        if ("unknown" in selects || (selects.value && namespace === UNKNOWN)) {
            view.unseen.push({ subject, path: "unknown" in selects ? selects.unknown : "metadata.namespace" });
            continue;
        }
        if (!selects.value) {
            continue;
        }
        const ingress = known(() => readIngress(p.props.spec ?? {}));
        if ("unknown" in ingress) {
            view.unseen.push({ subject, path: ingress.unknown });
        } else if (ingress.value !== undefined) {
            view.policies.push(name);
            view.rules.push(...ingress.value.map((r, index) => ({ policy: name, index, ...r })));
        }
    }
    return view;
}

/**
 * A NetworkPolicy spec's ingress rules as plain data, or undefined when it does not apply to
 * ingress. Without policyTypes the API applies it to Ingress always (and to Egress when it has
 * egress rules). Every value is read, so an unknown one throws here, inside `known`.
 */
function readIngress(spec: Json): { from: Json[]; ports: Json[] }[] | undefined {
    const types = spec.policyTypes;
    if (Array.isArray(types) && !types.includes("Ingress")) {
        return undefined;
    }
    const rules = Array.isArray(spec.ingress) ? spec.ingress : [];
    return rules.map((rule: unknown) => {
        const r = isObject(rule) ? rule : {};
        return { from: plainList(r.from), ports: plainList(r.ports) };
    });
}

/** A copy of a list of objects, read through in full. */
function plainList(value: unknown): Json[] {
    return Array.isArray(value) ? value.filter(isObject).map((v) => JSON.parse(JSON.stringify(v)) as Json) : [];
}

/** Whether a label selector is empty, i.e. selects everything (`{}`). */
function selectsAll(selector: Json): boolean {
    const labels = isObject(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
    return labels.length === 0 && expressions.length === 0;
}

/**
 * The sources of a rule that any pod in the cluster can be, described for messages, or
 * undefined when every source is narrowed to chosen namespaces or the policy's own namespace.
 * A namespaceSelector `{}` selects every namespace: whatever its podSelector asks for, anyone
 * who can create a pod in some namespace can give it those labels. An ipBlock of /0 is every
 * address; narrower blocks are taken as meant for hosts outside the cluster (the API leaves
 * their effect on pod traffic to the network plugin).
 */
export function clusterWideSource(rule: IngressRule): string | undefined {
    if (rule.from.length === 0) {
        return "every source (no `from`)";
    }
    for (const peer of rule.from) {
        if (isObject(peer.namespaceSelector) && selectsAll(peer.namespaceSelector)) {
            return "pods in every namespace (namespaceSelector: {})";
        }
        const cidr = peer.ipBlock?.cidr;
        if (typeof cidr === "string" && /\/0$/.test(cidr)) {
            return `every address (ipBlock ${cidr})`;
        }
    }
    return undefined;
}

/** Whether a rule admits every port: no `ports`, which the API reads as all of them. */
export function admitsEveryPort(rule: IngressRule): boolean {
    return rule.ports.length === 0;
}

/**
 * Whether a rule admits TCP to a container port, given by number and by name. A port entry
 * without `port` is every port of its protocol; `endPort` makes a range; a named port matches
 * the container port of that name. Protocol defaults to TCP.
 */
export function admitsPort(rule: IngressRule, number: number, name: string): boolean {
    if (admitsEveryPort(rule)) {
        return true;
    }
    return rule.ports.some((p) => {
        if ((p.protocol ?? "TCP") !== "TCP") {
            return false;
        }
        if (p.port === undefined) {
            return true;
        }
        if (typeof p.port === "string") {
            return p.port === name;
        }
        return typeof p.endPort === "number" ? p.port <= number && number <= p.endPort : p.port === number;
    });
}

/** A rule for messages: "NetworkPolicy kps-prometheus ingress[0]". */
export function ruleName(rule: IngressRule): string {
    return `NetworkPolicy ${rule.policy} ingress[${rule.index}]`;
}
