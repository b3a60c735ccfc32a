/**
 * The complete kube-prometheus-stack values for a stack config: stack-wide settings here, one
 * builder per component (prometheus-, alertmanager-, grafana-, operator-values.ts).
 */
import type { StackConfig } from "../schema";
import type { AlertmanagerSecretKeys } from "./alertmanager-config";
import { alertmanagerValues } from "./alertmanager-values";
import { RELEASES } from "./endpoints";
import { grafanaValues, GrafanaValuesOptions } from "./grafana-values";
import { operatorValues } from "./operator-values";
import { prometheusValues } from "./prometheus-values";
import { resourceValues } from "./resources";
import { SUPERSEDED_DEFAULT_RULES } from "./rules/stack";

/** Inputs of the values that are not in the stack config. */
export type KubePrometheusValuesOptions = GrafanaValuesOptions & AlertmanagerSecretKeys;

/**
 * Control-plane scrape targets and the default rule groups that alert on them. A component
 * that is not scraped must not keep its rules, or its absence alerts forever.
 */
export function controlPlaneValues(cp: StackConfig["cluster"]["controlPlane"]): Record<string, unknown> {
    return {
        kubeControllerManager: { enabled: cp.kubeControllerManager },
        kubeScheduler: { enabled: cp.kubeScheduler },
        kubeEtcd: { enabled: cp.etcd },
        kubeProxy: { enabled: cp.kubeProxy },
        defaultRules: {
            create: true,
            rules: {
                kubeControllerManager: cp.kubeControllerManager,
                kubeSchedulerAlerting: cp.kubeScheduler,
                kubeSchedulerRecording: cp.kubeScheduler,
                etcd: cp.etcd,
                kubeProxy: cp.kubeProxy,
                // No Windows exporter is deployed (windowsMonitoring.enabled is false).
                windows: false,
            },
            // The stack's own rules (rules/stack.ts) replace these; both would notify twice.
            disabled: Object.fromEntries(SUPERSEDED_DEFAULT_RULES.map((alert) => [alert, true])),
        },
    };
}

/**
 * Registry and pull secrets for every image. kube-prometheus-stack passes `global` to its
 * subcharts (grafana with its sidecars, kube-state-metrics, prometheus-node-exporter), and the
 * operator hands global.imageRegistry to the Prometheus, Alertmanager and config-reloader images.
 */
export function globalValues(mirrors: StackConfig["mirrors"]): Record<string, unknown> {
    return {
        rbac: { create: true },
        ...(mirrors.imageRegistry === undefined ? {} : { imageRegistry: mirrors.imageRegistry }),
        imagePullSecrets: mirrors.imagePullSecrets.map((name) => ({ name })),
    };
}

export function kubePrometheusValues(config: StackConfig, options: KubePrometheusValuesOptions = {}): Record<string, unknown> {
    return {
        // Object names become kps-prometheus, kps-alertmanager, grafana: see endpoints.ts.
        fullnameOverride: RELEASES.kubePrometheusStack,
        global: globalValues(config.mirrors),
        // CRDs are plain templates in crds/ and are applied by the v4 Chart before the rest.
        crds: { enabled: true, upgradeJob: { enabled: false } },
        ...controlPlaneValues(config.cluster.controlPlane),
        prometheusOperator: operatorValues(config),
        prometheus: prometheusValues(config),
        alertmanager: alertmanagerValues(config, { slackUrlReceivers: options.slackUrlReceivers }),
        grafana: grafanaValues(config, options),
        "prometheus-node-exporter": { resources: resourceValues(config.exporters.nodeExporter.resources) },
        "kube-state-metrics": { resources: resourceValues(config.exporters.kubeStateMetrics.resources) },
    };
}
