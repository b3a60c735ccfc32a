/** What the dashboard builders take and give back. */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../../schema";

/** The parts of the validated stack config the dashboards are built from (plain data). */
export type DashboardSource = Pick<
    StackConfig,
    "namespace" | "cluster" | "prometheus" | "alertmanager" | "loki" | "logAgent" | "eventExporter" | "apps" | "kubeBench"
>;

/** One built dashboard, ready to be written into a ConfigMap as `<fileName>`. */
export interface DashboardDocument {
    /** Grafana uid: stable across deploys, so links and bookmarks survive upgrades. */
    uid: string;
    title: string;
    /** File name inside the ConfigMap; the sidecar loads every `*.json` key. */
    fileName: string;
    /** The Grafana dashboard model (schema v1, what file provisioning loads). */
    model: Dashboard;
}

/** Tag on every dashboard the stack ships, so they can be found and filtered together. */
export const STACK_TAG = "observability-stack";
