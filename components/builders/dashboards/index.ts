/**
 * Every dashboard the stack ships, built from the stack config. Grafana's dashboard sidecar
 * loads them from ConfigMaps (components/dashboards.ts).
 *
 * The classic dashboard model (schema v1, `DashboardBuilder`) is used on purpose although the
 * SDK marks it deprecated in favour of dashboard v2: file provisioning, which the sidecar feeds,
 * loads the v1 JSON model; v2 needs Grafana's kubernetes-style dashboard API.
 */
import type { Dashboard, Panel, RowPanel } from "@grafana/grafana-foundation-sdk/dashboard";
import { appDashboard } from "./app";
import { kubernetesEventsDashboard } from "./kubernetes-events";
import { logsExplorerDashboard } from "./logs-explorer";
import { securityBenchmarkDashboard } from "./security-benchmark";
import { sloDashboard } from "./slo";
import type { DashboardDocument, DashboardSource } from "./model";
import { stackHealthDashboard } from "./stack-health";

export type { DashboardDocument, DashboardSource } from "./model";

/**
 * Numbers panels 1..n in layout order. The builder leaves ids unset (rows get 0), and Grafana
 * keys panel links, `viewPanel` URLs and library panels on them, so they must be stable.
 */
function numberPanels(model: Dashboard): Dashboard {
    let id = 0;
    const panels = (model.panels ?? []).map((p: Panel | RowPanel) => ({ ...p, id: ++id }));
    return { ...model, panels };
}

function document(model: Dashboard): DashboardDocument {
    const uid = model.uid as string;
    return { uid, title: model.title as string, fileName: `${uid}.json`, model: numberPanels(model) };
}

/**
 * The stack's dashboards: stack health, the logs explorer, Kubernetes events (when the event
 * exporter runs), CIS benchmark results (when kube-bench runs), one per onboarded app and one
 * error-budget dashboard per app with SLOs, in that order.
 */
export function buildDashboards(src: DashboardSource): DashboardDocument[] {
    const builders = [
        stackHealthDashboard(src),
        logsExplorerDashboard(),
        ...(src.eventExporter.enabled ? [kubernetesEventsDashboard(src)] : []),
        ...(src.kubeBench.enabled ? [securityBenchmarkDashboard()] : []),
        ...src.apps.map(appDashboard),
        ...src.apps.filter((a) => a.slos.length > 0).map(sloDashboard),
    ];
    return builders.map((b) => document(b.build()));
}
