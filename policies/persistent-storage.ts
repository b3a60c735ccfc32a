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
    loki: "a volume claim for the `storage` volume (loki chart: singleBinary.persistence.enabled), or in distributed mode for the ingesters' and the compactor's `data` volume (<component>.persistence.enabled)",
    grafana: "a PersistentVolumeClaim for the `storage` volume (grafana chart: persistence.enabled)",
};

/** Both the loki chart's single binary and the grafana chart name their data volume `storage`. */
const DATA_VOLUME = "storage";

/**
 * Distributed Loki's components that hold data, by their `app.kubernetes.io/component` label,
 * and the volume they hold it in (the loki chart names it `data` there): an ingester's WAL
 * (what it has not flushed to the bucket) and the compactor's retention marks. The other
 * components' `data` volume is a scratch emptyDir and is not checked.
 */
const LOKI_STATEFUL_COMPONENTS: Record<string, string> = { ingester: "data", compactor: "data" };

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
            : workloadStorageProblem(args.type, args.props, dataVolumeOf(component, args.props));
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

/** The volume a workload keeps its data in: `data` for distributed Loki's stateful components. */
function dataVolumeOf(component: string, props: Json): string {
    const role = props.spec?.template?.metadata?.labels?.["app.kubernetes.io/component"] ?? props.metadata?.labels?.["app.kubernetes.io/component"];
    return component === "loki" && typeof role === "string" && LOKI_STATEFUL_COMPONENTS[role] !== undefined ? LOKI_STATEFUL_COMPONENTS[role] : DATA_VOLUME;
}

/**
 * A workload holds data when it has its data volume or claim template; that must be a claim.
 * Workloads without one (Loki's canary, gateway, queriers) hold no data and are not checked;
 * a stateful distributed Loki component without its `data` volume at all is reported.
 */
function workloadStorageProblem(type: string, props: Json, dataVolume: string): string | undefined {
    const templates = Array.isArray(props.spec?.volumeClaimTemplates) ? props.spec.volumeClaimTemplates : [];
    if (type === TYPES.statefulSet && templates.some((t: Json) => t?.metadata?.name === dataVolume)) {
        return undefined;
    }
    const volumes = podSpecOf(type, props)?.volumes;
    const volume = Array.isArray(volumes) ? volumes.find((v: Json) => v?.name === dataVolume) : undefined;
    if (volume === undefined) {
        return dataVolume === DATA_VOLUME ? undefined : `has no \`${dataVolume}\` volume or claim template for its data`;
    }
    if (isObject(volume.persistentVolumeClaim)) {
        return undefined;
    }
    const kind = Object.keys(volume).find((k) => k !== "name") ?? "no source";
    return `mounts its \`${dataVolume}\` volume from ${kind}`;
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
