/** The whole stack config: every section, and the rules that span sections. */
import { z } from "zod";
import { alertingSchema } from "./alerting";
import { appsSchema, checkDashboardUids, dashboardsSchema } from "./apps";
import { clusterSchema, environmentSchema, kubernetesSchema, mirrorsSchema, protectionSchema, storageSchema } from "./core";
import { eventExporterSchema, logAgentSchema, lokiSchema } from "./logs";
import { backupsSchema, checkExtras, kubeBenchSchema, pushgatewaySchema } from "./extras";
import { alertmanagerSchema, exportersSchema, grafanaSchema, operatorSchema, prometheusSchema } from "./metrics";
import { dnsLabelOf, whenFieldsValid } from "./primitives";
import { checkSloRetention } from "./slos";
import { checkObjectStorage, objectStorageSchema } from "./object-storage";

const PROD_STORAGE_FIELDS = ["environment", "storage.className", "prometheus.storageClass", "alertmanager.storageClass", "loki.storageClass"];

export const stackConfigSchema = z
    .object({
        environment: environmentSchema,
        namespace: dnsLabelOf("monitoring"),
        cluster: clusterSchema,
        kubernetes: kubernetesSchema,
        mirrors: mirrorsSchema,
        storage: storageSchema,
        /** The S3-compatible store behind prometheus.longTerm and loki.mode distributed. */
        objectStorage: objectStorageSchema.optional(),
        protection: protectionSchema,
        operator: operatorSchema,
        exporters: exportersSchema,
        prometheus: prometheusSchema,
        alertmanager: alertmanagerSchema,
        grafana: grafanaSchema,
        alerting: alertingSchema,
        loki: lokiSchema,
        logAgent: logAgentSchema,
        eventExporter: eventExporterSchema,
        apps: appsSchema,
        dashboards: dashboardsSchema,
        pushgateway: pushgatewaySchema,
        kubeBench: kubeBenchSchema,
        backups: backupsSchema,
    })
    .strict()
    .superRefine(checkDashboardUids, { when: (p) => whenFieldsValid(p.value, ["dashboards.enabled"], p.issues) })
    // Reads apps and retention warily, so it reports beside problems elsewhere in them.
    .superRefine(checkSloRetention, { when: (p) => typeof p.value === "object" && p.value !== null })
    .superRefine(checkObjectStorage, { when: (p) => whenFieldsValid(p.value, ["objectStorage", "prometheus.longTerm.enabled", "loki.mode"], p.issues) })
    .superRefine(checkExtras, { when: (p) => whenFieldsValid(p.value, ["kubeBench.enabled", "pushgateway.enabled"], p.issues) })
    .superRefine((c, ctx) => {
        if (c.environment !== "prod") {
            return;
        }
        // prod volumes must land on a class the platform team chose, not whatever is default.
        const unnamed = [
            ["prometheus", c.prometheus.storageClass],
            ["alertmanager", c.alertmanager.storageClass],
            ["loki", c.loki.storageClass],
        ].filter(([, cls]) => cls === undefined && c.storage.className === undefined);
        if (unnamed.length > 0) {
            ctx.addIssue({
                code: "custom",
                path: ["storage", "className"],
                message: `expected a named StorageClass for prod volumes (storage.className, or ${unnamed.map(([s]) => `${s}.storageClass`).join(", ")})`,
            });
        }
    }, { when: (p) => whenFieldsValid(p.value, PROD_STORAGE_FIELDS, p.issues) });

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type Environment = z.infer<typeof environmentSchema>;
export { type AppConfig } from "./apps";
export { type ReceiverConfig } from "./alerting";
export { type Resources } from "./primitives";
export { type ObjectStorageConfig, type LokiComponent } from "./object-storage";
