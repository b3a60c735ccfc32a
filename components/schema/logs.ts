/** Loki, the log agent and the event exporter. */
import { z } from "zod";
import { durationHours } from "../units";
import { lokiDistributedSchema } from "./object-storage";
import { duration, hostPath, resources, storageClassName, volumeSize } from "./primitives";

/** Loki's TSDB index is written in 24h periods; retention shorter than one is meaningless. */
export const LOKI_INDEX_PERIOD_HOURS = 24;

export const lokiSchema = z
    .object({
        /**
         * monolithic: one Loki on one volume. distributed: the chart's Distributed mode, each
         * component its own workload, chunks and index on objectStorage.buckets.logs.
         */
        mode: z.enum(["monolithic", "distributed"], { message: "expected one of monolithic, distributed" }),
        /** Replicas and resources per component in distributed mode (presets per environment). */
        distributed: lokiDistributedSchema,
        /** limits_config.retention_period; must be a whole multiple of the 24h index period. */
        retention: duration,
        /**
         * monolithic: the single binary's volume. distributed: each ingester's volume (its WAL)
         * and the compactor's (its retention marks); the logs themselves are in the bucket.
         */
        volumeSize,
        storageClass: storageClassName.optional(),
        ingestion: z
            .object({
                rateMb: z.number().positive({ message: "expected a positive number of MB per second" }),
                burstMb: z.number().positive({ message: "expected a positive number of MB" }),
                /** Samples older than this are rejected. */
                rejectOldSamplesMaxAge: duration,
                maxStreamsPerUser: z.number().int({ message: "expected a whole number of streams (0 = unlimited)" }).min(0, { message: "expected a whole number of streams (0 = unlimited)" }),
            })
            .strict()
            .refine((i) => i.burstMb >= i.rateMb, { message: "expected burstMb to be at least rateMb", path: ["burstMb"] }),
        resources,
    })
    .strict()
    .superRefine((l, ctx) => {
        if (!duration.safeParse(l.retention).success) {
            return;
        }
        const hours = durationHours(l.retention);
        if (hours < LOKI_INDEX_PERIOD_HOURS || hours % LOKI_INDEX_PERIOD_HOURS !== 0) {
            ctx.addIssue({
                code: "custom",
                path: ["retention"],
                message: `expected a whole multiple of the ${LOKI_INDEX_PERIOD_HOURS}h index period such as 168h or 30d`,
            });
        }
    });

export const logAgentSchema = z
    .object({
        /** promtail (end of life since 2026-03-02) or alloy, its successor. */
        kind: z.enum(["promtail", "alloy"], { message: "expected one of promtail, alloy" }),
        resources,
        auditLogs: z
            .object({
                enabled: z.boolean(),
                /** Directory on control-plane nodes that holds the API server's audit log. */
                hostPath,
            })
            .strict(),
    })
    .strict();

export const eventExporterSchema = z
    .object({
        enabled: z.boolean(),
        /** Replicas; one leads (Lease), the others stand by, so 2 survives a node loss. */
        replicas: z.number().int({ message: "expected 1, 2 or 3 replicas" }).min(1, { message: "expected 1, 2 or 3 replicas" }).max(3, { message: "expected 1, 2 or 3 replicas" }),
        resources,
    })
    .strict();
