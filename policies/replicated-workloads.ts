/** Workloads that must survive a node loss run more than one replica (the event exporter). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { labelsOf, objectName, podLabelsOf, TYPES } from "./lib/k8s";
import { checkingUnknowns } from "./lib/validation";

export interface ReplicatedWorkloadsConfig {
    /** `app.kubernetes.io/name` values of the Deployments and StatefulSets that must be replicated. */
    apps: string[];
    /** Fewest replicas each of them may run. */
    minReplicas: number;
}

/**
 * kubernetes-event-exporter elects a leader among its replicas, so a second one takes over
 * within a lease period instead of losing every event until a lone pod is rescheduled.
 */
export const REPLICATED_WORKLOADS_DEFAULTS: ReplicatedWorkloadsConfig = { apps: ["kubernetes-event-exporter"], minReplicas: 2 };

/** Where the program sets each app's replicas, for the messages. */
const VALUE_PATHS: Record<string, string> = {
    "kubernetes-event-exporter": "stack config eventExporter.replicas",
};

const REPLICATED_TYPES: readonly string[] = [TYPES.deployment, TYPES.statefulSet];

export const replicatedWorkloads: ResourceValidationPolicy = {
    name: "replicated-workloads",
    description: "Each Deployment or StatefulSet of the apps the stack's config lists (by app.kubernetes.io/name) runs at least the configured number of replicas.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            apps: { type: "array", items: { type: "string" }, default: REPLICATED_WORKLOADS_DEFAULTS.apps, description: "app.kubernetes.io/name values of the workloads that must be replicated." },
            minReplicas: { type: "integer", minimum: 1, default: REPLICATED_WORKLOADS_DEFAULTS.minReplicas, description: "Fewest replicas each listed workload may run." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (!REPLICATED_TYPES.includes(args.type)) {
            return;
        }
        const config = configWithDefaults(REPLICATED_WORKLOADS_DEFAULTS, args);
        const app = appOf(args.type, args.props);
        if (app === undefined || !config.apps.includes(app)) {
            return;
        }
        // The API server runs one replica when spec.replicas is unset; an unknown one is reported.
        const replicas = typeof args.props.spec?.replicas === "number" ? args.props.spec.replicas : 1;
        if (replicas < config.minReplicas) {
            const where = VALUE_PATHS[app] === undefined ? "spec.replicas" : `spec.replicas (${VALUE_PATHS[app]})`;
            reportViolation(`${app} ${objectName(args.props, args.name)} runs ${replicas} replica(s), so a single node or pod failure stops it; ` +
                `set ${where} to at least ${config.minReplicas}.`);
        }
    }),
};

/**
 * The app a workload belongs to: its own `app.kubernetes.io/name` label, else its pods'. The
 * object's metadata comes first because the program computes the event exporter's whole spec
 * from other resources' outputs, so a preview may know the labels there and not in the spec.
 */
function appOf(type: string, props: Record<string, any>): string | undefined {
    return labelsOf(props)["app.kubernetes.io/name"] ?? podLabelsOf(type, props)["app.kubernetes.io/name"];
}
