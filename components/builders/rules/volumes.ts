/**
 * Volumes of the stack (Prometheus, Alertmanager, Loki, Grafana) filling up, from the kubelet's
 * volume stats (scraped by kube-prometheus-stack's kubelet ServiceMonitor). Warning and critical
 * share one alert name, so Alertmanager's critical-over-warning inhibition applies.
 */
import { eq, sel } from "./queries";
import { SERVICES } from "./targets";
import type { RuleGroup } from "./types";

/** Name of the stack-volume alert (both severities). */
export const STACK_VOLUME_ALERT = "StackVolumeFillingUp";

/**
 * kube-prometheus-stack's cluster-wide twin (defaultRules kubernetes-storage): same thresholds,
 * every namespace, so it fires beside STACK_VOLUME_ALERT for the stack's own claims. It stays
 * on for the other namespaces; Alertmanager mutes it where this one fires (alertmanager-config.ts).
 */
export const CHART_VOLUME_ALERT = "KubePersistentVolumeFillingUp";

/** Free share below which a volume that will run out within PREDICT_DAYS warns. */
export const WARN_FREE_RATIO = 0.15;
/** Free share below which a volume is critical whatever its trend. */
export const CRITICAL_FREE_RATIO = 0.03;
/** How far ahead the linear trend of the last 6 hours is projected. */
export const PREDICT_DAYS = 4;

export function volumeRules(namespace: string): RuleGroup {
    const m = [eq("namespace", namespace)];
    const available = sel("kubelet_volume_stats_available_bytes", m);
    const capacity = sel("kubelet_volume_stats_capacity_bytes", m);
    const free = `${available} / ${capacity}`;
    const service = SERVICES.storage;
    const description = "Volume {{ $labels.persistentvolumeclaim }} in {{ $labels.namespace }} has {{ $value | humanizePercentage }} free.";
    return {
        name: "observability-stack.volumes",
        rules: [
            {
                alert: STACK_VOLUME_ALERT,
                expr: `${free} < ${WARN_FREE_RATIO} and predict_linear(${available}[6h], ${PREDICT_DAYS} * 24 * 3600) < 0`,
                for: "1h",
                labels: { severity: "warning", service },
                annotations: {
                    summary: `A stack volume will be full within ${PREDICT_DAYS} days.`,
                    description: `${description} At the rate of the last 6 hours it fills up within ${PREDICT_DAYS} days; grow the PVC or shorten retention.`,
                },
            },
            {
                alert: STACK_VOLUME_ALERT,
                expr: `${free} < ${CRITICAL_FREE_RATIO}`,
                // The chart's CHART_VOLUME_ALERT waits 1m too: firing together, Alertmanager
                // mutes the chart's before either is sent (group_wait).
                for: "1m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "A stack volume is almost full.",
                    description: `${description} Writes will fail soon: Prometheus loses samples, Loki rejects logs.`,
                },
            },
        ],
    };
}
