/**
 * The S3-compatible object store behind long-term metrics (Thanos) and distributed Loki, and
 * the rules that tie those features to it. On-prem sites run the store themselves (MinIO, Ceph
 * RGW, versitygw...), so the endpoint is any host:port and path-style addressing is the default.
 */
import { z } from "zod";
import { durationHours } from "../units";
import { configMapDataKey, configMapName, duration, objectName, replicas, resources, s3BucketName, secretDataKey, secretName, storageClassName, volumeSize, whenFieldsValid } from "./primitives";

/** Environment variable names both Thanos' and Loki's S3 clients read credentials from. */
export const S3_ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
export const S3_SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";


export const objectStorageSchema = z
    .object({
        /** host or host:port, without a scheme: the form Thanos' and Loki's S3 clients take. */
        endpoint: z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/, {
            message: "expected a host or host:port without a scheme, such as s3.storage.example.internal:9000",
        }),
        region: z.string().regex(/^[a-z0-9-]{1,64}$/, { message: "expected a region name such as us-east-1 (self-hosted stores usually accept any)" }),
        /** Plain HTTP to the store. Only for a store on a trusted network. */
        insecure: z.boolean(),
        /** Bucket in the path (http://host/bucket/key), which most self-hosted stores need. */
        pathStyle: z.boolean(),
        /**
         * An existing Secret in the stack's namespace that holds the access key pair; its values
         * never pass through the config, the state or a rendered object.
         */
        credentials: z
            .object({ name: secretName, accessKeyIdKey: secretDataKey, secretAccessKeyKey: secretDataKey })
            .strict(),
        buckets: z.object({ metrics: s3BucketName("thanos-metrics").optional(), logs: s3BucketName("loki-chunks").optional() }).strict(),
        /**
         * The PEM CA bundle that signs the store's certificate, for a store behind a private CA:
         * a key of an existing ConfigMap in the stack's namespace. A CA certificate is public,
         * so it lives where cert-manager's trust-manager and OpenShift's CA injection put
         * bundles, in a ConfigMap (https://cert-manager.io/docs/trust/trust-manager/); a Secret
         * would hide nothing and tell readers there is something to hide.
         */
        caBundle: z.object({ name: configMapName, key: configMapDataKey }).strict().optional(),
    })
    .strict()
    .refine((s) => !(s.insecure && s.caBundle !== undefined), {
        // insecure: true is plain HTTP: there is no certificate left for the bundle to verify.
        message: "expected insecure: false with caBundle: the bundle verifies the store's TLS certificate and insecure: true turns TLS off; remove one of them",
        path: ["caBundle"],
        when: (p) => whenFieldsValid(p.value, ["insecure", "caBundle"], p.issues),
    })
    .refine((s) => s.buckets.metrics === undefined || s.buckets.metrics !== s.buckets.logs, {
        // Loki's retention and Thanos' compactor each delete what they do not recognise as theirs.
        message: "expected different buckets for metrics and logs: each store's compactor deletes objects by its own rules",
        path: ["buckets", "logs"],
    });

export type ObjectStorageConfig = z.infer<typeof objectStorageSchema>;


/**
 * The shortest retentions the Thanos compactor accepts while it downsamples: it only downsamples
 * blocks of 40h to 5m and blocks of 10 days to 1h, and since thanos-io/thanos#5059 refuses to
 * start with a raw retention under 40h or a 5m retention under 10 days.
 */
export const MIN_RAW_HOURS = 40;
export const MIN_FIVE_MINUTES_HOURS = 240;

export const longTermSchema = z
    .object({
        enabled: z.boolean(),
        /** How long the compactor keeps each resolution in the bucket (0 = forever is not offered). */
        retention: z
            .object({ raw: duration, fiveMinutes: duration, oneHour: duration })
            .strict()
            .superRefine((r, ctx) => {
                const [raw, five, hour] = [r.raw, r.fiveMinutes, r.oneHour].map((d) => (duration.safeParse(d).success ? durationHours(d) : undefined));
                if (raw !== undefined && raw < MIN_RAW_HOURS) {
                    ctx.addIssue({ code: "custom", path: ["raw"], message: `expected at least ${MIN_RAW_HOURS}h such as 30d: the compactor refuses a shorter raw retention while it downsamples` });
                }
                if (five !== undefined && five < MIN_FIVE_MINUTES_HOURS) {
                    ctx.addIssue({ code: "custom", path: ["fiveMinutes"], message: "expected at least 10d such as 180d: the compactor refuses a shorter 5m retention while it downsamples" });
                }
                // Downsampled data exists to outlive the finer data it was made from.
                if (raw !== undefined && five !== undefined && five < raw) {
                    ctx.addIssue({ code: "custom", path: ["fiveMinutes"], message: `expected at least retention.raw (${r.raw}): 5m data is made from raw data and should outlive it` });
                }
                if (five !== undefined && hour !== undefined && hour < five) {
                    ctx.addIssue({ code: "custom", path: ["oneHour"], message: `expected at least retention.fiveMinutes (${r.fiveMinutes}): 1h data is made from 5m data and should outlive it` });
                }
            }),
        query: z.object({ replicas: replicas(5), resources }).strict(),
        storeGateway: z.object({ replicas: replicas(5), volumeSize, storageClass: storageClassName.optional(), resources }).strict(),
        /** Exactly one per bucket: compaction is not safe to run concurrently on a bucket. */
        compactor: z.object({ volumeSize, storageClass: storageClassName.optional(), resources }).strict(),
    })
    .strict();

/** A Secret key the stack reads without ever holding its value. */
const secretDataKeyRef = z.object({ name: secretName, key: secretDataKey }).strict();

/** Prometheus remote write to an existing Mimir, Thanos Receive or compatible endpoint. */
export const remoteWriteSchema = z
    .array(
        z
            .object({
                name: objectName("remote write target", "mimir"),
                url: z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/, { message: "expected an http:// or https:// URL such as https://mimir.example.internal/api/v1/push" }),
                /** Basic auth from an existing Secret in the stack's namespace. */
                basicAuth: z.object({ username: secretDataKeyRef, password: secretDataKeyRef }).strict().optional(),
                /** A bearer token from an existing Secret (Authorization: Bearer). */
                bearerToken: secretDataKeyRef.optional(),
                /** The tenant header Mimir and Thanos Receive read (X-Scope-OrgID / THANOS-TENANT). */
                tenantHeader: z
                    .object({ name: z.enum(["X-Scope-OrgID", "THANOS-TENANT"], { message: "expected X-Scope-OrgID or THANOS-TENANT" }), value: z.string().regex(/^[A-Za-z0-9_.-]{1,150}$/, { message: "expected a tenant id such as prod-eu-1" }) })
                    .strict()
                    .optional(),
            })
            .strict()
            .refine((t) => t.basicAuth === undefined || t.bearerToken === undefined, { message: "expected basicAuth or bearerToken, not both", path: ["bearerToken"] }),
    )
    .superRefine((targets, ctx) => {
        const seen = new Set<string>();
        targets.forEach((t, i) => {
            if (seen.has(t.name)) {
                ctx.addIssue({ code: "custom", path: [i, "name"], message: `expected a name unique among remoteWrite targets (${t.name} appears twice)` });
            }
            seen.add(t.name);
        });
    });

/** What each Loki component of the distributed mode runs with. */
const lokiComponent = z.object({ replicas: replicas(20), resources }).strict();

export const LOKI_DISTRIBUTED_COMPONENTS = ["distributor", "ingester", "querier", "queryFrontend", "queryScheduler", "compactor", "indexGateway", "ruler", "gateway"] as const;
export type LokiComponent = (typeof LOKI_DISTRIBUTED_COMPONENTS)[number];

/**
 * The ingester (its WAL) and the compactor (its retention marks) keep state on a claim of their
 * own size: the chunks are in the bucket, so these hold hours of data, not the retention.
 */
const lokiComponentWithVolume = lokiComponent.extend({ volumeSize }).strict();
export const LOKI_COMPONENTS_WITH_VOLUMES = ["ingester", "compactor"] as const;

export const lokiDistributedSchema = z
    .object({
        ...(Object.fromEntries(LOKI_DISTRIBUTED_COMPONENTS.map((c) => [c, lokiComponent])) as Record<LokiComponent, typeof lokiComponent>),
        ingester: lokiComponentWithVolume,
        compactor: lokiComponentWithVolume,
    })
    .strict()
    .superRefine((d, ctx) => {
        // The compactor applies retention and must be alone on the bucket, like Thanos'.
        if (d.compactor.replicas !== 1) {
            ctx.addIssue({ code: "custom", path: ["compactor", "replicas"], message: "expected exactly 1: Loki's compactor applies retention and must run alone on the bucket" });
        }
    });

/**
 * The sections that need the object store name it: reported at the key that switched them on,
 * so a stack that turns one on without the store learns what to add.
 */
export function checkObjectStorage(
    c: { objectStorage?: ObjectStorageConfig; prometheus: { longTerm: { enabled: boolean } }; loki: { mode: string } },
    ctx: z.RefinementCtx,
): void {
    const needs: [boolean, "metrics" | "logs", (string | number)[], string][] = [
        [c.prometheus.longTerm.enabled, "metrics", ["prometheus", "longTerm", "enabled"], "prometheus.longTerm.enabled is true"],
        [c.loki.mode === "distributed", "logs", ["loki", "mode"], "loki.mode is distributed"],
    ];
    for (const [on, bucket, path, why] of needs) {
        if (!on) {
            continue;
        }
        if (c.objectStorage === undefined) {
            ctx.addIssue({ code: "custom", path, message: `expected objectStorage {endpoint, region, insecure, pathStyle, credentials, buckets.${bucket}} when ${why}` });
        } else if (c.objectStorage.buckets[bucket] === undefined) {
            ctx.addIssue({ code: "custom", path: ["objectStorage", "buckets", bucket], message: `expected a bucket name such as ${bucket === "metrics" ? "thanos-metrics" : "loki-chunks"} when ${why}` });
        }
    }
}
