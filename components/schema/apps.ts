/** Applications onboarded for metrics, alerts, log pipelines and dashboards. */
import { z } from "zod";
import { appDashboardUid } from "../builders/dashboards/uid";
import { dnsLabelOf, duration, labelMap } from "./primitives";
import { alertList, logAlertSchema, metricAlertSchema } from "./custom-alerts";
import { checkLatencyThresholds, slosSchema } from "./slos";

const PORT_FORM = "a port name such as http-metrics, or a container port number from 1 to 65535 such as 8080";

/** A port name as Kubernetes takes it (IANA_SVC_NAME): at most 15 characters, at least one letter. */
const portName = z.string().regex(/^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/, { message: `expected ${PORT_FORM}` });

const portNumber = z.number().int({ message: `expected ${PORT_FORM}` }).min(1, { message: `expected ${PORT_FORM}` }).max(65535, { message: `expected ${PORT_FORM}` });

/**
 * The port that serves metrics: a name, or a number. A container port name always holds a
 * letter (IANA_SVC_NAME), so an all-digit string ("8080" as YAML quotes it) is read as the
 * number: the container port, which both monitor CRDs take by number (ServiceMonitor
 * `targetPort`, PodMonitor `portNumber`; prometheus-operator v0.93). A monitor that matched
 * nothing on a name "8080" is what this replaces.
 */
const port = z.preprocess(
    (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    z.union([portNumber, portName], { message: `expected ${PORT_FORM}` }),
);

const BUCKET_FORM = "a histogram bucket bound in seconds such as 0.25";
const BUCKETS_FORM = "histogram bucket bounds in seconds such as [0.1, 0.25, 0.5, 1]";

export const appSchema = z
    .object({
        name: dnsLabelOf("checkout"),
        namespace: dnsLabelOf("shop"),
        /** Labels that select the app's Service (monitor: service) or Pods (monitor: pod). */
        selector: labelMap.refine((m) => Object.keys(m).length > 0, { message: "expected at least one selector label" }),
        monitor: z.enum(["service", "pod"], { message: "expected service (ServiceMonitor) or pod (PodMonitor)" }),
        /** Port that serves metrics: the Service's (monitor: service) or Pod's port name, or the container port number. */
        port,
        path: z.string().regex(/^\/[^\s]*$/, { message: "expected an absolute URL path such as /metrics" }),
        interval: duration,
        /** json: a pipeline extracts level, service and timestamp from each line. */
        logFormat: z.enum(["json", "text"], { message: "expected json or text" }),
        /** Team label copied onto the app's alerts. */
        team: z.string().regex(/^[a-z0-9-]{1,63}$/, { message: "expected a team name of lower-case letters, digits and '-' such as payments" }).optional(),
        metrics: z
            .object({
                /** Counter of requests with a status-code label. */
                requestsTotal: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: "expected a Prometheus metric name such as http_requests_total" }),
                /** Histogram (without the _bucket suffix) of request durations in seconds. */
                durationHistogram: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { message: "expected a Prometheus metric name such as http_request_duration_seconds" }),
                statusLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: "expected a Prometheus label name such as code" }),
                /** Upper bounds (`le`) of the duration histogram's buckets, in seconds: the thresholds a latency SLO may use. */
                durationBuckets: z
                    .array(z.number({ message: `expected ${BUCKET_FORM}` }).positive({ message: `expected ${BUCKET_FORM}` }), { message: `expected a list of ${BUCKETS_FORM}` })
                    .min(1, { message: `expected a list of ${BUCKETS_FORM}` }),
            })
            .strict(),
        alerts: z
            .object({
                /** 5xx share of requests above which the app alerts (0..1). */
                errorRatio: z.number().gt(0, { message: "expected a ratio above 0" }).lt(1, { message: "expected a ratio below 1" }),
                /** p95 latency above which the app alerts, in seconds. */
                latencyP95Seconds: z.number().positive({ message: "expected a positive number of seconds" }),
                /**
                 * Short form of a log alert: error lines per minute above which the app alerts
                 * (AppErrorLogBurst, builders/rules/log-alerts.ts). Default: none.
                 */
                errorLogLinesPerMinute: z.number({ message: "expected a number of lines per minute such as 20" }).positive({ message: "expected a number of lines per minute above zero such as 20" }).optional(),
            })
            .strict(),
        /** Service level objectives, each with burn-rate alerts (schema/slos.ts). */
        slos: slosSchema.default([]),
        /** The app's own alerts (schema/custom-alerts.ts), labelled service=<app>, team=<team>. */
        metricAlerts: alertList(metricAlertSchema).default([]),
        /** The app's own LogQL alerts, evaluated by Loki's ruler, labelled like its metric alerts. */
        logAlerts: alertList(logAlertSchema).default([]),
    })
    .strict()
    // Runs while other fields are wrong, reading them warily, so every problem shows at once.
    .superRefine(checkLatencyThresholds, { when: (p) => typeof p.value === "object" && p.value !== null });

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

/**
 * Apps must differ in everything named after them. Monitors and rules do (`app.<ns>.<name>` is
 * injective), but dashboard uids join with a dash (builders/dashboards/uid.ts), so app
 * `eu-checkout` in `shop` and `checkout` in `shop-eu` meet there: one ConfigMap, one Pulumi
 * name, one Grafana uid. Both apps are named, so the user chooses which to rename.
 */
export function checkDashboardUids(c: { apps: AppConfig[]; dashboards: { enabled: boolean } }, ctx: z.RefinementCtx): void {
    if (!c.dashboards.enabled || !Array.isArray(c.apps)) {
        return;
    }
    // Runs while other apps' fields are wrong (see the stack schema), so it reads names warily.
    const owners = new Map<string, number>();
    c.apps.forEach((a, i) => {
        if (typeof a?.name !== "string" || typeof a.namespace !== "string") {
            return;
        }
        const uid = appDashboardUid(a);
        const j = owners.get(uid);
        const other = j === undefined ? undefined : c.apps[j];
        if (other !== undefined && (other.name !== a.name || other.namespace !== a.namespace)) {
            ctx.addIssue({
                code: "custom",
                path: ["apps", i, "name"],
                message: `expected apps whose namespace and name do not join into the same dashboard uid: app "${a.name}" in namespace "${a.namespace}" and app "${other.name}" in namespace "${other.namespace}" (apps.${j}) both get ${uid}; rename one of them, or set dashboards.enabled to false`,
            });
        }
        owners.set(uid, owners.get(uid) ?? i);
    });
}

export const dashboardsSchema = z
    .object({
        enabled: z.boolean(),
        /** Grafana folder the sidecar files the dashboards into. */
        folder: z.string().regex(/^\S(.{0,98}\S)?$/, { message: "expected a Grafana folder title of 1 to 100 characters such as Observability" }),
    })
    .strict();
