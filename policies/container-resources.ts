/** Every container states what it needs (requests) and where it stops (limits). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isObject, Json, objectName, OPERATOR_WORKLOADS, TYPES } from "./lib/k8s";
import { at, reportingUnknowns, UNKNOWN } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";
import { eachContainer, workloadContainers } from "./lib/workloads";

export interface ContainerResourcesConfig {
    /** Resources every container must request. */
    requiredRequests: string[];
    /** Resources every container must limit. */
    requiredLimits: string[];
}

/**
 * Memory limits but no CPU limits by default: a CPU limit throttles Prometheus during
 * compaction and query bursts, while a memory limit is what protects the node.
 */
export const CONTAINER_RESOURCES_DEFAULTS: ContainerResourcesConfig = { requiredRequests: ["cpu", "memory"], requiredLimits: ["memory"] };

/**
 * Where the charts this stack uses take each container's resources (kube-prometheus-stack
 * 88.x, its grafana, kube-state-metrics and node-exporter subcharts, loki 18.x, promtail 6.x).
 */
const VALUE_PATHS: Record<string, string> = {
    "node-exporter": "prometheus-node-exporter.resources",
    "kube-state-metrics": "kube-state-metrics.resources",
    "kube-prometheus-stack": "prometheusOperator.resources",
    grafana: "grafana.resources",
    "grafana-sc-dashboard": "grafana.sidecar.resources",
    "grafana-sc-datasources": "grafana.sidecar.resources",
    "init-chown-data": "grafana.initChownData.resources (or initChownData.enabled: false)",
    loki: "singleBinary.resources",
    "loki-sc-rules": "sidecar.resources (loki chart)",
    promtail: "resources (promtail chart)",
};

const CR_VALUE_PATHS: Record<string, string> = {
    [TYPES.prometheus]: "prometheus.prometheusSpec.resources",
    [TYPES.alertmanager]: "alertmanager.alertmanagerSpec.resources",
};

/**
 * Containers the Prometheus Operator builds into Prometheus and Alertmanager pods. Entries of
 * the CR's `containers`/`initContainers` with these names are strategic-merge patches onto
 * them (the main container's resources come from spec.resources, the reloader's from the
 * operator's --config-reloader-* flags).
 */
const OPERATOR_CONTAINERS: readonly string[] = ["prometheus", "alertmanager", "config-reloader", "init-config-reloader", "thanos-sidecar"];

export const containerResources: ResourceValidationPolicy = {
    name: "container-resources",
    description: "Every container, and the main container of each Prometheus and Alertmanager, sets the required resource requests and limits.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredRequests: { type: "array", items: { type: "string" }, default: CONTAINER_RESOURCES_DEFAULTS.requiredRequests, description: "Resources (cpu, memory) every container must request." },
            requiredLimits: { type: "array", items: { type: "string" }, default: CONTAINER_RESOURCES_DEFAULTS.requiredLimits, description: "Resources (cpu, memory) every container must limit." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const config = configWithDefaults(CONTAINER_RESOURCES_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const operatorCr = OPERATOR_WORKLOADS.includes(args.type);
        const wanted = `requests for ${config.requiredRequests.join(" and ")}` +
            (config.requiredLimits.length > 0 ? ` and limits for ${config.requiredLimits.join(" and ")}` : "");
        const check = (where: string, resources: unknown, hint: string | undefined) => {
            const missing = missingResources(resources, config);
            if (missing.length > 0) {
                reportViolation(`${name} ${where} does not set ${missing.join(", ")}; set ${wanted} (chart value: ${hint ?? "the container's resources"}).`);
            }
        };
        // The API refuses resources on ephemeral containers.
        const containers = workloadContainers(args.type, args.props).filter((c) => !c.ephemeral);
        eachContainer(containers, name, reportViolation, (c) => {
            // A CR patch of an operator-built container keeps the operator's resources unless it sets its own.
            if (operatorCr && OPERATOR_CONTAINERS.includes(c.container.name)) {
                return;
            }
            check(c.where, c.container.resources, VALUE_PATHS[c.name ?? ""]);
        });
        if (operatorCr) {
            reportingUnknowns(name, reportViolation, () => check("spec.resources", args.props.spec?.resources, CR_VALUE_PATHS[args.type]));
        }
    }),
};

function missingResources(resources: unknown, config: ContainerResourcesConfig): string[] {
    const r: Json = isObject(resources) ? resources : {};
    // The policy asks that requests and limits be set, not for amounts, so a quantity computed
    // from another resource's output (not known during preview) counts as set.
    const has = (kind: "requests" | "limits", res: string) => {
        const group = r[kind];
        const value = isObject(group) ? at(group, res) : undefined;
        return value === UNKNOWN || (value !== undefined && value !== null && value !== "");
    };
    return [
        ...config.requiredRequests.filter((res) => !has("requests", res)).map((res) => `requests.${res}`),
        ...config.requiredLimits.filter((res) => !has("limits", res)).map((res) => `limits.${res}`),
    ];
}
