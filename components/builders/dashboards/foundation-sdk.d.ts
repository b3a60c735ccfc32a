/**
 * Type declarations for the @grafana/grafana-foundation-sdk subpaths the dashboards use.
 *
 * Why: the SDK publishes its types only through package.json "exports"
 * (`@grafana/grafana-foundation-sdk/dashboard` -> dist/dashboard/index.d.ts) and has no root
 * `types` file, while this project's tsconfig uses `moduleResolution: node`, which ignores
 * "exports". At run time Node resolves the subpaths through "exports" as usual; this file only
 * points the type checker at the same files. With `moduleResolution: node16` it can go.
 */
declare module "@grafana/grafana-foundation-sdk/bargauge" {
    export * from "@grafana/grafana-foundation-sdk/dist/bargauge/index";
}
declare module "@grafana/grafana-foundation-sdk/cog" {
    export * from "@grafana/grafana-foundation-sdk/dist/cog/index";
}
declare module "@grafana/grafana-foundation-sdk/common" {
    export * from "@grafana/grafana-foundation-sdk/dist/common/index";
}
declare module "@grafana/grafana-foundation-sdk/dashboard" {
    export * from "@grafana/grafana-foundation-sdk/dist/dashboard/index";
}
declare module "@grafana/grafana-foundation-sdk/logs" {
    export * from "@grafana/grafana-foundation-sdk/dist/logs/index";
}
declare module "@grafana/grafana-foundation-sdk/loki" {
    export * from "@grafana/grafana-foundation-sdk/dist/loki/index";
}
declare module "@grafana/grafana-foundation-sdk/prometheus" {
    export * from "@grafana/grafana-foundation-sdk/dist/prometheus/index";
}
declare module "@grafana/grafana-foundation-sdk/stat" {
    export * from "@grafana/grafana-foundation-sdk/dist/stat/index";
}
declare module "@grafana/grafana-foundation-sdk/text" {
    export * from "@grafana/grafana-foundation-sdk/dist/text/index";
}
declare module "@grafana/grafana-foundation-sdk/timeseries" {
    export * from "@grafana/grafana-foundation-sdk/dist/timeseries/index";
}
