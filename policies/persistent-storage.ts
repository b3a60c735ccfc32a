/** Prometheus, Alertmanager, Loki and Grafana keep their data on persistent volumes. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { componentOf } from "./lib/components";
import { isObject, Json, objectName, operatorDataVolume, podSpecOf, TYPES } from "./lib/k8s";
import { checkingUnknowns } from "./lib/validation";

export interface PersistentStorageConfig {
    /** Components that must persist: any of prometheus, alertmanager, loki, grafana. */
    components: string[];
}

export const PERSISTENT_STORAGE_DEFAULTS: PersistentStorageConfig = { components: ["prometheus", "alertmanager", "loki", "grafana"] };

/** The value path that turns persistence on, per component, for the messages. */
const HINTS: Record<string, string> = {
    prometheus: "spec.storage.volumeClaimTemplate (kube-prometheus-stack: prometheus.prometheusSpec.storageSpec.volumeClaimTemplate)",
    alertmanager: "spec.storage.volumeClaimTemplate (kube-prometheus-stack: alertmanager.alertmanagerSpec.storage.volumeClaimTemplate)",
    loki: "a volume claim for the `storage` volume (loki chart: singleBinary.persistence.enabled)",
    grafana: "a PersistentVolumeClaim for the `storage` volume (grafana chart: persistence.enabled)",
};

/** Both the loki and the grafana chart name their data volume `storage`. */
const DATA_VOLUME = "storage";

export const persistentStorage: ResourceValidationPolicy = {
    name: "persistent-storage",
    description: "Prometheus, Alertmanager, Loki and Grafana keep their data on PersistentVolumeClaims, not emptyDir, for the components the stack's config lists.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            components: {
                type: "array",
                items: { type: "string", enum: ["prometheus", "alertmanager", "loki", "grafana"] },
                default: PERSISTENT_STORAGE_DEFAULTS.components,
                description: "Components whose data must be on a persistent volume.",
            },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { components } = configWithDefaults(PERSISTENT_STORAGE_DEFAULTS, args);
        const component = componentOf(args.type, args.props);
        if (component === undefined || !components.includes(component)) {
            return;
        }
        const name = objectName(args.props, args.name);
        const problem = component === "prometheus" || component === "alertmanager"
            ? operatorStorageProblem(args.props)
            : workloadStorageProblem(args.type, args.props);
        if (problem !== undefined) {
            reportViolation(`${capitalize(component)} ${name} ${problem}; data is lost whenever the pod moves. Configure ${HINTS[component]}.`);
        }
    }),
};

/** The operator uses an emptyDir whenever one is given, even next to a volumeClaimTemplate. */
function operatorStorageProblem(props: Json): string | undefined {
    const volume = operatorDataVolume(props);
    if (volume.kind === "claim") {
        return undefined;
    }
    if (volume.kind === "ephemeral") {
        return "uses an ephemeral volume (spec.storage.ephemeral) for its data, deleted with every pod";
    }
    return isObject(props.spec?.storage?.emptyDir)
        ? "keeps its data in an emptyDir (spec.storage.emptyDir, which the operator prefers over any volumeClaimTemplate: remove it)"
        : "keeps its data in an emptyDir (spec.storage has no volumeClaimTemplate)";
}

/**
 * A workload holds data when it has a `storage` volume or claim template; that must be a claim.
 * Workloads without one (Loki's canary, gateway) hold no data and are not checked.
 */
function workloadStorageProblem(type: string, props: Json): string | undefined {
    const templates = Array.isArray(props.spec?.volumeClaimTemplates) ? props.spec.volumeClaimTemplates : [];
    if (type === TYPES.statefulSet && templates.some((t: Json) => t?.metadata?.name === DATA_VOLUME)) {
        return undefined;
    }
    const volumes = podSpecOf(type, props)?.volumes;
    const volume = Array.isArray(volumes) ? volumes.find((v: Json) => v?.name === DATA_VOLUME) : undefined;
    if (volume === undefined || isObject(volume.persistentVolumeClaim)) {
        return undefined;
    }
    const kind = Object.keys(volume).find((k) => k !== "name") ?? "no source";
    return `mounts its \`${DATA_VOLUME}\` volume from ${kind}`;
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
