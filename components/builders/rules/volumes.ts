/**
 * Volumes of the stack (Prometheus, Alertmanager, Loki, Grafana) filling up, from the kubelet's
 * volume stats (scraped by kube-prometheus-stack's kubelet ServiceMonitor). Warning and critical
 * share one alert name, so Alertmanager's critical-over-warning inhibition applies.
 */
import { eq, sel } from "./queries";
import { SERVICES } from "./targets";
import type { RuleGroup } from "./types";

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
                alert: "StackVolumeFillingUp",
                expr: `${free} < ${WARN_FREE_RATIO} and predict_linear(${available}[6h], ${PREDICT_DAYS} * 24 * 3600) < 0`,
                for: "1h",
                labels: { severity: "warning", service },
                annotations: {
                    summary: `A stack volume will be full within ${PREDICT_DAYS} days.`,
                    description: `${description} At the rate of the last 6 hours it fills up within ${PREDICT_DAYS} days; grow the PVC or shorten retention.`,
                },
            },
            {
                alert: "StackVolumeFillingUp",
                expr: `${free} < ${CRITICAL_FREE_RATIO}`,
                for: "5m",
                labels: { severity: "critical", service },
                annotations: {
                    summary: "A stack volume is almost full.",
                    description: `${description} Writes will fail soon: Prometheus loses samples, Loki rejects logs.`,
                },
            },
        ],
    };
}
