/**
 * Dashboards: one ConfigMap per dashboard in the stack namespace. Grafana's dashboard sidecar
 * (kiwigrid k8s-sidecar, configured in builders/grafana-values.ts) picks up every ConfigMap
 * labelled `grafana_dashboard: "1"`, writes each `*.json` key to disk and files it into the
 * folder named by the `grafana_folder` annotation. Dashboards therefore change with `pulumi up`
 * like everything else, and show in a preview as ConfigMap diffs.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DASHBOARD_SIDECAR } from "./builders/endpoints";
import { buildDashboards, DashboardDocument } from "./builders/dashboards";
import type { StackConfig } from "./config";
import { standardLabels } from "./labels";

/** Prefix of each dashboard ConfigMap's name; the dashboard uid follows. */
export const CONFIGMAP_PREFIX = "dashboard-";

/** Name of the ConfigMap that carries one dashboard. */
export function dashboardConfigMapName(uid: string): string {
    return `${CONFIGMAP_PREFIX}${uid}`;
}

export interface DashboardsArgs {
    /** Namespace the ConfigMaps go into: the stack namespace, where the sidecar looks. */
    namespace: pulumi.Input<string>;
    /**
     * The validated stack config: `dashboards.folder` names the Grafana folder; the namespace,
     * cluster, retention settings, log agent, event exporter and `apps` shape the dashboards.
     */
    config: StackConfig;
}

export class Dashboards extends pulumi.ComponentResource {
    /** Grafana uids of the provisioned dashboards, in build order (stack health first). */
    public readonly uids: pulumi.Output<string[]>;
    /** Names of the ConfigMaps, one per dashboard. */
    public readonly configMapNames: pulumi.Output<string[]>;

    constructor(name: string, args: DashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:Dashboards", name, {}, opts);
        const docs = buildDashboards(args.config);
        const maps = docs.map((doc) => this.configMap(name, doc, args));
        this.uids = pulumi.output(docs.map((d) => d.uid));
        this.configMapNames = pulumi.all(maps.map((m) => m.metadata.name));
        this.registerOutputs({ uids: this.uids, configMapNames: this.configMapNames });
    }

    private configMap(name: string, doc: DashboardDocument, args: DashboardsArgs): k8s.core.v1.ConfigMap {
        const cmName = dashboardConfigMapName(doc.uid);
        return new k8s.core.v1.ConfigMap(`${name}-${doc.uid}`, {
            metadata: {
                name: cmName,
                namespace: args.namespace,
                labels: { ...standardLabels("dashboards", cmName, "dashboard"), [DASHBOARD_SIDECAR.label]: DASHBOARD_SIDECAR.labelValue },
                annotations: { [DASHBOARD_SIDECAR.folderAnnotation]: args.config.dashboards.folder },
            },
            // Indented, so `pulumi preview --diff` shows which panel changed.
            data: { [doc.fileName]: JSON.stringify(doc.model, null, 2) },
        }, { parent: this });
    }
}
