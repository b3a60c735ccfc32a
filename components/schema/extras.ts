/**
 * Opt-in extras: the Prometheus Pushgateway, scheduled kube-bench runs (CIS benchmark results as
 * metrics and logs) and backups of Prometheus and Grafana. Every feature is off in both presets.
 */
import { z } from "zod";
import { dnsLabelOf, duration, httpUrl, objectName, resources, s3BucketName, secretDataKey, storageClassName, volumeSize } from "./primitives";

const CRON_FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
    { name: "day of week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/** The macros Kubernetes CronJobs accept besides five fields (robfig/cron, which the controller uses). */
const CRON_MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

/** One value of a cron field: a number in range or, for month and weekday, a name. */
function cronValue(text: string, f: (typeof CRON_FIELDS)[number]): number | undefined {
    const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (f.name === "month" ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
    return n >= f.min && n <= f.max ? n : undefined;
}

/** One comma-separated item of a cron field: `*`, `a`, `a-b`, each with an optional `/step`. */
function cronItemValid(item: string, f: (typeof CRON_FIELDS)[number]): boolean {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
        return false;
    }
    if (range === "*") {
        return true;
    }
    const [from, to, more] = range.split("-");
    const a = cronValue(from, f);
    const b = to === undefined ? a : cronValue(to, f);
    return more === undefined && a !== undefined && b !== undefined && a <= b;
}

/** Why a cron expression is wrong, or undefined when it is a valid CronJob schedule. */
export function cronProblem(expr: string): string | undefined {
    if (CRON_MACROS.has(expr)) {
        return undefined;
    }
    const fields = expr.trim().split(/\s+/);
    if (fields.length !== 5) {
        return `expected a cron schedule of 5 fields (minute hour day-of-month month day-of-week) such as "0 3 * * *", or @daily; got ${fields.length} field${fields.length === 1 ? "" : "s"}`;
    }
    const bad = CRON_FIELDS.find((f, i) => !fields[i].split(",").every((item) => cronItemValid(item, f)));
    return bad === undefined ? undefined : `expected a cron schedule such as "0 3 * * *": the ${bad.name} field "${fields[CRON_FIELDS.indexOf(bad)]}" is not a value, range or step between ${bad.min} and ${bad.max}`;
}

/** A Kubernetes CronJob schedule, checked field by field so the message says which field is wrong. */
export const cronSchedule = z.string().superRefine((v, ctx) => {
    const problem = cronProblem(v);
    if (problem !== undefined) {
        ctx.addIssue({ code: "custom", message: problem });
    }
});

export const pushgatewaySchema = z
    .object({
        /** Deploy the Pushgateway (required by kubeBench). */
        enabled: z.boolean(),
        /** Keep pushed metrics across restarts in a file on a PVC (--persistence.file). */
        persistence: z.object({ enabled: z.boolean(), size: volumeSize, storageClass: storageClassName.optional() }).strict(),
        resources,
    })
    .strict();

export const kubeBenchSchema = z
    .object({
        enabled: z.boolean(),
        /** When the runs start (CronJob schedule, the controller manager's time zone). */
        schedule: cronSchedule,
        /** Run on a control-plane node (off on managed clusters whose control plane is hidden). */
        controlPlane: z.boolean(),
        /** Run on a worker node. */
        workers: z.boolean(),
        /**
         * Named nodes to audit, one CronJob each. Empty: one CronJob per role, which audits one
         * node of that role per run, the one the scheduler picks.
         */
        nodes: z.array(z.object({ name: objectName("node", "worker-1"), role: z.enum(["control-plane", "worker"], { message: "expected control-plane or worker" }) }).strict()),
        /** kube-bench --benchmark (e.g. cis-1.10); auto-detected from the cluster version when unset. */
        benchmark: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: "expected a kube-bench benchmark name such as cis-1.10" }).optional(),
        resources,
    })
    .strict()
    .refine((k) => !k.enabled || k.controlPlane || k.workers || k.nodes.length > 0, {
        message: "expected controlPlane or workers to be true, or at least one entry in nodes, when kubeBench.enabled is true",
        path: ["workers"],
    })
    // CronJob names are cut to 52 characters (the controller appends a suffix to Job names),
    // so the first 35 characters of node names must differ.
    .refine((k) => new Set(k.nodes.map((n) => n.name.slice(0, 35))).size === k.nodes.length, {
        message: "expected unique node names whose first 35 characters differ (each becomes a CronJob name)",
        path: ["nodes"],
    });

const pvcTarget = z
    .object({
        kind: z.literal("pvc"),
        /** An existing claim to write to. */
        claimName: dnsLabelOf("backups").optional(),
        /** Or: size of a claim the program creates. */
        size: volumeSize.optional(),
        storageClass: storageClassName.optional(),
    })
    .strict()
    .refine((t) => (t.claimName === undefined) !== (t.size === undefined), {
        message: "expected exactly one of claimName (an existing PVC) or size (a PVC the program creates)",
        path: ["claimName"],
    });

const s3Target = z
    .object({
        kind: z.literal("s3"),
        /** S3 API endpoint (MinIO, Ceph RGW, AWS). */
        endpoint: httpUrl,
        bucket: s3BucketName("observability-backups"),
        region: z.string().regex(/^[a-z0-9-]+$/, { message: "expected a region such as us-east-1" }).optional(),
        /** Secret in the stack's namespace holding the access key pair. */
        secretName: objectName("Secret", "backup-s3-credentials"),
        accessKeyIdKey: secretDataKey,
        secretAccessKeyKey: secretDataKey,
    })
    .strict();

export const backupsSchema = z
    .object({
        enabled: z.boolean(),
        schedule: cronSchedule,
        /** Where backups go; required when enabled. */
        target: z.discriminatedUnion("kind", [pvcTarget, s3Target], { message: "expected kind pvc or s3" }).optional(),
        /** Path prefix under the target (a directory, or a key prefix in the bucket). */
        prefix: z.string().regex(/^[a-z0-9][-a-z0-9_./]*$/, { message: "expected a path prefix such as observability/prod" }),
        retention: z
            .object({
                /** At most this many backups of each kind are kept (the newest). */
                keep: z.number().int({ message: "expected a whole number" }).min(1, { message: "expected to keep at least 1 backup" }).max(365, { message: "expected at most 365 backups" }),
                /** Backups older than this are deleted even when fewer than `keep` exist; the newest is always kept. */
                maxAge: duration,
            })
            .strict(),
        /** TSDB snapshot of Prometheus replica 0 (turns on the admin API). */
        prometheus: z.boolean(),
        /** Grafana dashboards (HTTP API) and, with persistence, its SQLite database. */
        grafana: z.boolean(),
        resources,
    })
    .strict()
    .refine((b) => !b.enabled || b.target !== undefined, {
        message: "expected a target {kind: pvc, claimName | size} or {kind: s3, endpoint, bucket, secretName, ...} when backups.enabled is true",
        path: ["target"],
    });

export type PushgatewayConfig = z.infer<typeof pushgatewaySchema>;
export type KubeBenchConfig = z.infer<typeof kubeBenchSchema>;
export type BackupsConfig = z.infer<typeof backupsSchema>;
export type BackupTarget = NonNullable<BackupsConfig["target"]>;

/** Rules across sections, applied by the stack schema. */
export function checkExtras(c: { pushgateway: PushgatewayConfig; kubeBench: KubeBenchConfig }, ctx: z.RefinementCtx): void {
    if (c.kubeBench.enabled && !c.pushgateway.enabled) {
        ctx.addIssue({
            code: "custom",
            path: ["pushgateway", "enabled"],
            message: "expected true when kubeBench.enabled is true: kube-bench pushes its totals to the Pushgateway",
        });
    }
}

/** Whether Prometheus must serve its admin API: only for the snapshot backups. */
export function prometheusAdminApiEnabled(config: { backups: BackupsConfig }): boolean {
    return config.backups.enabled && config.backups.prometheus;
}
