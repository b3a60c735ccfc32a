/** Applications onboarded for metrics, alerts, log pipelines and dashboards. */
import { z } from "zod";
import { dnsLabel, duration, labelMap } from "./primitives";

const portName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, {
    message: "expected a container or service port name such as http-metrics",
});

export const appSchema = z
    .object({
        name: dnsLabel,
        namespace: dnsLabel,
        /** Labels that select the app's Service (monitor: service) or Pods (monitor: pod). */
        selector: labelMap.refine((m) => Object.keys(m).length > 0, { message: "expected at least one selector label" }),
        monitor: z.enum(["service", "pod"], { message: "expected service (ServiceMonitor) or pod (PodMonitor)" }),
        /** Named port that serves metrics. */
        port: portName,
        path: z.string().regex(/^\/[^\s]*$/, { message: "expected an absolute URL path such as /metrics" }),
        interval: duration,
        /** json: a pipeline extracts level, service and timestamp from each line. */
        logFormat: z.enum(["json", "text"], { message: "expected json or text" }),
        /** Team label copied onto the app's alerts. */
        team: z.string().regex(/^[a-z0-9-]{1,63}$/, { message: "expected a team name of lower-case letters, digits and '-'" }).optional(),
        metrics: z
            .object({
                /** Counter of requests with a status-code label. */
                requestsTotal: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: "expected a Prometheus metric name" }),
                /** Histogram (without the _bucket suffix) of request durations in seconds. */
                durationHistogram: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: "expected a Prometheus metric name" }),
                statusLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: "expected a Prometheus label name" }),
            })
            .strict(),
        alerts: z
            .object({
                /** 5xx share of requests above which the app alerts (0..1). */
                errorRatio: z.number().gt(0, { message: "expected a ratio above 0" }).lt(1, { message: "expected a ratio below 1" }),
                /** p95 latency above which the app alerts, in seconds. */
                latencyP95Seconds: z.number().positive({ message: "expected a positive number of seconds" }),
            })
            .strict(),
    })
    .strict();

export type AppConfig = z.infer<typeof appSchema>;

export const appsSchema = z.array(appSchema).superRefine((apps, ctx) => {
    const seen = new Set<string>();
    apps.forEach((a, i) => {
        const key = `${a.namespace}/${a.name}`;
        if (seen.has(key)) {
            ctx.addIssue({ code: "custom", path: [i, "name"], message: `expected unique apps, "${key}" appears twice` });
        }
        seen.add(key);
    });
});

export const dashboardsSchema = z
    .object({
        enabled: z.boolean(),
        /** Grafana folder the sidecar files the dashboards into. */
        folder: z.string().min(1).max(100),
    })
    .strict();
