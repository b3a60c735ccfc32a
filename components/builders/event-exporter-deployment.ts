/**
 * The event exporter's Deployment, Service and ServiceMonitor specs: non-root, read-only root
 * filesystem, probes on the exporter's own HTTP server, a config checksum that rolls the pods
 * when the ConfigMap changes, metrics scraped as job "event-exporter" (the Service's name).
 */
import type { StackConfig } from "../schema";
import { EVENT_EXPORTER_CONFIG_PATH, EVENT_EXPORTER_PORT } from "./event-exporter-config";

/** Inputs of the Deployment spec. */
export interface EventExporterDeploymentInput {
    /** Full image reference (registry/repository:tag). */
    image: string;
    /** Pod selector labels (also on the pods). */
    selector: Record<string, string>;
    /** All pod labels. */
    labels: Record<string, string>;
    serviceAccountName: string;
    configMapName: string;
    /** sha256 of the config text: a changed config gives a new pod template. */
    configChecksum: string;
    replicas: number;
    resources: StackConfig["eventExporter"]["resources"];
    imagePullSecrets: { name: string }[];
}

/** uid of `nonroot` in gcr.io/distroless/static, the exporter's base image (its Dockerfile). */
const NONROOT_UID = 65532;

const probe = (path: string, periodSeconds: number) => ({
    httpGet: { path, port: "http-metrics" },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold: 3,
});

function container(input: EventExporterDeploymentInput) {
    return {
        name: "event-exporter",
        image: input.image,
        imagePullPolicy: "IfNotPresent",
        args: [`-conf=${EVENT_EXPORTER_CONFIG_PATH}`, `-metrics-address=:${EVENT_EXPORTER_PORT}`],
        ports: [{ name: "http-metrics", containerPort: EVENT_EXPORTER_PORT, protocol: "TCP" }],
        // Both endpoints answer as soon as the HTTP server runs, on standby replicas too.
        livenessProbe: probe("/-/healthy", 20),
        readinessProbe: probe("/-/ready", 10),
        resources: input.resources,
        securityContext: {
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            runAsNonRoot: true,
            runAsUser: NONROOT_UID,
            runAsGroup: NONROOT_UID,
            capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [{ name: "config", mountPath: EVENT_EXPORTER_CONFIG_PATH.replace(/\/[^/]+$/, ""), readOnly: true }],
    };
}

/** The Deployment's spec. */
export function eventExporterDeploymentSpec(input: EventExporterDeploymentInput) {
    return {
        replicas: input.replicas,
        selector: { matchLabels: input.selector },
        template: {
            metadata: {
                labels: input.labels,
                annotations: { "checksum/config": input.configChecksum },
            },
            spec: {
                serviceAccountName: input.serviceAccountName,
                securityContext: {
                    runAsNonRoot: true,
                    runAsUser: NONROOT_UID,
                    runAsGroup: NONROOT_UID,
                    seccompProfile: { type: "RuntimeDefault" },
                },
                // No field for none, as the API server stores it (builders/images.ts).
                ...(input.imagePullSecrets.length > 0 ? { imagePullSecrets: input.imagePullSecrets } : {}),
                containers: [container(input)],
                volumes: [{ name: "config", configMap: { name: input.configMapName } }],
                // Spread standby replicas so one node loss cannot take all of them.
                topologySpreadConstraints: [{
                    maxSkew: 1,
                    topologyKey: "kubernetes.io/hostname",
                    whenUnsatisfiable: "ScheduleAnyway",
                    labelSelector: { matchLabels: input.selector },
                }],
            },
        },
    };
}

/** The metrics Service: its name becomes the scrape job (builders/rules/targets.ts). */
export function eventExporterServiceSpec(selector: Record<string, string>) {
    return {
        type: "ClusterIP",
        selector,
        ports: [{ name: "http-metrics", port: EVENT_EXPORTER_PORT, targetPort: "http-metrics", protocol: "TCP" }],
    };
}

/** ServiceMonitor for the metrics Service (send_event_errors, events_sent, ...). */
export function eventExporterServiceMonitorSpec(selector: Record<string, string>, interval: string) {
    return {
        selector: { matchLabels: selector },
        endpoints: [{ port: "http-metrics", path: "/metrics", interval }],
    };
}
