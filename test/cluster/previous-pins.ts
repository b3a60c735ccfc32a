/**
 * The chart releases the pins in components/versions.ts replaced: what a stack deployed before
 * the last pin change runs. The cluster tier's upgrade test deploys these (from a mirror that
 * previous-charts.sh assembles) and upgrades to the current pins. When a pin moves, the release
 * it had becomes the entry here; a unit test keeps each entry older than its pin.
 */
import { CHARTS } from "../../components/versions";

export const PREVIOUS_CHARTS: Partial<Record<keyof typeof CHARTS, string>> = {
    kubePrometheusStack: "88.5.2",
    loki: "18.10.1",
    promtail: "6.17.0",
    alloy: "1.11.0",
};

/** `name=version` for each previous release, as previous-charts.sh takes them. */
export function previousChartArgs(): string[] {
    return Object.entries(PREVIOUS_CHARTS).map(([key, version]) => `${CHARTS[key as keyof typeof CHARTS].name}=${version}`);
}

if (require.main === module) {
    console.log(previousChartArgs().join(" "));
}
