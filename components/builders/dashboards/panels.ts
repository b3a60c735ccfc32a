/**
 * Panel factories shared by the dashboards: one place decides layout sizes, legends, reducers
 * and thresholds, so every dashboard reads the same way.
 */
import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import * as cog from "@grafana/grafana-foundation-sdk/cog";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as logs from "@grafana/grafana-foundation-sdk/logs";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as text from "@grafana/grafana-foundation-sdk/text";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { LOKI_DS, PROMETHEUS_DS } from "./queries";

type Target = cog.Builder<cog.Dataquery>;

/** Size and description of a panel on Grafana's 24-column grid. */
export interface PanelOptions {
    /** Grafana unit id such as `s`, `bytes`, `percentunit`, `reqps`. */
    unit?: string;
    /** Width in grid columns (24 = full width). Default 12. */
    width?: number;
    /** Height in grid rows. Default 8. */
    height?: number;
    /** Tooltip shown on the panel's info icon: what it shows and why it matters. */
    description?: string;
    /** Threshold above which values turn red; drawn as a dashed line on graphs. */
    redAbove?: number;
}

function thresholds(redAbove?: number): dashboard.ThresholdsConfigBuilder {
    const steps: dashboard.Threshold[] = [{ value: null, color: "green" }];
    if (redAbove !== undefined) {
        steps.push({ value: redAbove, color: "red" });
    }
    return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

function datasourceOf(targets: Target[]) {
    const first = targets[0]?.build() as { datasource?: { type?: string } } | undefined;
    return first?.datasource?.type === "loki" ? LOKI_DS : PROMETHEUS_DS;
}

/** A time series graph; a red threshold is drawn as a dashed line. */
export function graph(title: string, targets: Target[], opts: PanelOptions = {}): timeseries.PanelBuilder {
    const p = new timeseries.PanelBuilder()
        .title(title)
        .datasource(datasourceOf(targets))
        .targets(targets)
        .span(opts.width ?? 12)
        .height(opts.height ?? 8)
        .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
        .thresholds(thresholds(opts.redAbove))
        .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(opts.redAbove === undefined ? common.GraphThresholdsStyleMode.Off : common.GraphThresholdsStyleMode.Dashed));
    return decorate(p, opts);
}

/** A single big number: the last value of each series. */
export function singleStat(title: string, targets: Target[], opts: PanelOptions = {}): stat.PanelBuilder {
    const p = new stat.PanelBuilder()
        .title(title)
        .datasource(datasourceOf(targets))
        .targets(targets)
        .span(opts.width ?? 6)
        .height(opts.height ?? 4)
        .graphMode(common.BigValueGraphMode.None)
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
        .thresholds(thresholds(opts.redAbove));
    return decorate(p, opts);
}

/**
 * Up/down of a component: `min(up)` is 1 only when every target answers. No data means
 * Prometheus has no target at all for the job, which is as bad as down.
 */
export function upStat(component: string, target: Target, width: number): stat.PanelBuilder {
    return singleStat(`${component} up`, [target], { width, description: `UP when every ${component} target answers Prometheus' scrape; "no target" when Prometheus has none.` })
        .colorMode(common.BigValueColorMode.Background)
        .noValue("no target")
        .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
            { value: null, color: "red" },
            { value: 1, color: "green" },
        ]))
        .mappings([{ type: dashboard.MappingType.ValueToText, options: { "0": { text: "DOWN" }, "1": { text: "UP" } } }]);
}

/** Horizontal bars, one per series, against 0..max. */
export function bars(title: string, targets: Target[], opts: PanelOptions & { max?: number }): bargauge.PanelBuilder {
    const p = new bargauge.PanelBuilder()
        .title(title)
        .datasource(datasourceOf(targets))
        .targets(targets)
        .span(opts.width ?? 12)
        .height(opts.height ?? 8)
        .orientation(common.VizOrientation.Horizontal)
        .displayMode(common.BarGaugeDisplayMode.Gradient)
        .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
        .min(0)
        .thresholds(thresholds(opts.redAbove));
    if (opts.max !== undefined) {
        p.max(opts.max);
    }
    return decorate(p, opts);
}

/** Log lines, newest first, with time and details. */
export function logLines(title: string, target: Target, opts: PanelOptions = {}): logs.PanelBuilder {
    const p = new logs.PanelBuilder()
        .title(title)
        .datasource(LOKI_DS)
        .targets([target])
        .span(opts.width ?? 24)
        .height(opts.height ?? 12)
        .showTime(true)
        .wrapLogMessage(true)
        .enableLogDetails(true)
        .sortOrder(common.LogsSortOrder.Descending);
    return opts.description === undefined ? p : p.description(opts.description);
}

/** Markdown text: facts from the stack config that no metric exposes. */
export function note(title: string, markdown: string, opts: PanelOptions = {}): text.PanelBuilder {
    return new text.PanelBuilder()
        .title(title)
        .mode(text.TextMode.Markdown)
        .content(markdown)
        .span(opts.width ?? 12)
        .height(opts.height ?? 6);
}

/** A full-width section header. */
export function row(title: string): dashboard.RowBuilder {
    return new dashboard.RowBuilder(title);
}

function decorate<P extends { unit(u: string): P; description(d: string): P }>(p: P, opts: PanelOptions): P {
    if (opts.unit !== undefined) {
        p.unit(opts.unit);
    }
    return opts.description === undefined ? p : p.description(opts.description);
}
