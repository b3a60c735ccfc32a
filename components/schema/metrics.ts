/** Prometheus, Alertmanager, Grafana and the operator. */
import { z } from "zod";
import { prometheusSizeBytes, quantityBytes } from "../units";
import { longTermSchema, remoteWriteSchema } from "./object-storage";
import { dnsName, duration, objectName, whenFieldsValid, promLabelName, replicas, resources, secretName, storageClassName, volumeSize } from "./primitives";


/** Prometheus' own size syntax for retentionSize: base-2 units, so "170GB" is 170 GiB. */
export const prometheusSizeSchema = z
    .string()
    .regex(/^\d+(B|KB|MB|GB|TB|PB|EB)$/, { message: "expected a Prometheus size such as 170GB (base 2: 1GB = 1GiB)" });

/**
 * External labels the stack sets itself, with where their value comes from. A user's own value
 * would be replaced without a word, so it is refused with the reason instead.
 */
export const RESERVED_EXTERNAL_LABELS: Record<string, string> = {
    cluster: "the program sets it from cluster.name",
    environment: "the program sets it from environment (the stack)",
    // prometheus-operator's prometheusExternalLabelName and replicaExternalLabelName defaults.
    prometheus: "the Prometheus Operator sets it to <namespace>/<name> of the Prometheus",
    prometheus_replica: "the Prometheus Operator sets it to tell the replicas apart",
};

function reservedExternalLabel(name: z.ZodString) {
    return name.superRefine((label, ctx) => {
        const why = RESERVED_EXTERNAL_LABELS[label];
        if (why !== undefined) {
            ctx.addIssue({ code: "custom", message: `expected a label the stack does not set itself: ${why}; remove it here` });
        }
    });
}

export const prometheusSchema = z
    .object({
        replicas: replicas(5),
        /** How long samples are kept. */
        retention: duration,
        /** Size cap on the TSDB; derived as 85% of volumeSize when unset. */
        retentionSize: prometheusSizeSchema.optional(),
        volumeSize,
        storageClass: storageClassName.optional(),
        scrapeInterval: duration,
        evaluationInterval: duration,
        /** Extra external labels; `cluster` and `environment` are always set, from the config. */
        externalLabels: z.record(reservedExternalLabel(promLabelName), z.string()),
        resources,
        /** Blocks uploaded to objectStorage by the Thanos sidecar, queried through Thanos. */
        longTerm: longTermSchema,
        /** Samples also sent to existing remote-write endpoints (Mimir, Thanos Receive). */
        remoteWrite: remoteWriteSchema,
    })
    .strict()
    .superRefine((p, ctx) => {
        // A cap above the volume is never reached: the disk fills first and Prometheus stops.
        if (p.retentionSize !== undefined && prometheusSizeBytes(p.retentionSize) > quantityBytes(p.volumeSize)) {
            ctx.addIssue({
                code: "custom",
                path: ["retentionSize"],
                message: `expected a size below the volume (volumeSize: ${p.volumeSize}); unset it to keep 85% of the volume`,
            });
        }
    }, { when: (payload) => whenFieldsValid(payload.value, ["retentionSize", "volumeSize"], payload.issues) });

/**
 * Alertmanager's retention is a Go duration: the Alertmanager CRD's pattern
 * (spec.retention: `^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$`) has no d or w, so
 * "30d", valid for Prometheus, would pass here and be refused by the API server at `pulumi up`.
 */
export const alertmanagerRetentionSchema = z
    .string()
    .regex(/^(?=\d)(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/, { message: "expected hours, minutes or seconds such as 720h (unlike a Prometheus duration, no d or w unit)" })
    // The CRD takes "0h", but silences and notification state kept for no time are lost at once.
    .refine((v) => !/^(0+[hms]|0+ms)+$/.test(v), { message: "expected hours, minutes or seconds above zero such as 720h" });

export const alertmanagerSchema = z
    .object({
        replicas: replicas(5),
        /** How long silences and notification state are kept (the operator default is 120h). */
        retention: alertmanagerRetentionSchema,
        volumeSize,
        storageClass: storageClassName.optional(),
        resources,
    })
    .strict();

export const grafanaSchema = z
    .object({
        adminUser: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, {
            message: "expected a user name such as admin: 1 to 64 letters, digits, '.', '_', '@' or '-'",
        }),
        /** Bump to generate a new admin password (see the README's rotation steps). */
        adminPasswordVersion: z.number().int({ message: "expected a whole number" }).min(1, { message: "expected a whole number of at least 1" }),
        persistence: z
            .object({ enabled: z.boolean(), size: volumeSize, storageClass: storageClassName.optional() })
            .strict(),
        ingress: z
            .object({
                enabled: z.boolean(),
                host: dnsName.optional(),
                className: objectName("IngressClass", "nginx").optional(),
                /** Secret for the TLS certificate; cert-manager fills it when the cluster has it. */
                tlsSecretName: secretName.optional(),
            })
            .strict()
            .refine((i) => !i.enabled || i.host !== undefined, {
                message: "expected a host such as grafana.example.com when ingress.enabled is true",
                path: ["host"],
            }),
        resources,
        /** The dashboard and datasource sidecars. */
        sidecarResources: resources,
    })
    .strict();

export const operatorSchema = z
    .object({
        resources,
        /** The config-reloader sidecar the operator adds to Prometheus and Alertmanager pods. */
        configReloaderResources: resources,
    })
    .strict();

/** The chart's node-exporter DaemonSet and kube-state-metrics Deployment. */
export const exportersSchema = z
    .object({
        nodeExporter: z.object({ resources }).strict(),
        kubeStateMetrics: z.object({ resources }).strict(),
    })
    .strict();
