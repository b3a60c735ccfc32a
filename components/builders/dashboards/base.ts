/** What every dashboard of the stack starts from. */
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { STACK_TAG } from "./model";

/** Identity and defaults of one dashboard. */
export interface DashboardHeader {
    /** Stable Grafana uid (at most 40 characters). */
    uid: string;
    title: string;
    /** Tags besides the stack tag. */
    tags: string[];
    description: string;
    /** Default time range, counted back from now, e.g. `6h`. */
    range: string;
    /** Auto-refresh interval; none when unset. */
    refresh?: string;
}

/**
 * A read-only dashboard (provisioned: edits in the UI would be overwritten by the next
 * `pulumi up`) with Grafana's built-in "Annotations & Alerts" query, which Grafana expects in
 * `annotations.list` and otherwise adds on first load, and a crosshair shared across panels.
 */
export function newDashboard(h: DashboardHeader): dashboard.DashboardBuilder {
    const d = new dashboard.DashboardBuilder(h.title)
        .uid(h.uid)
        .tags([STACK_TAG, ...h.tags])
        .description(h.description)
        .time({ from: `now-${h.range}`, to: "now" })
        .timezone("browser")
        .tooltip(dashboard.DashboardCursorSync.Crosshair)
        .readonly()
        .annotation(
            new dashboard.AnnotationQueryBuilder()
                .name("Annotations & Alerts")
                .builtIn(1)
                .datasource({ type: "grafana", uid: "-- Grafana --" })
                .enable(true)
                .hide(true)
                .iconColor("rgba(0, 211, 255, 1)")
                .type("dashboard"),
        );
    return h.refresh === undefined ? d : d.refresh(h.refresh);
}
