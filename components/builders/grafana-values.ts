/** The `grafana` section of the kube-prometheus-stack values (the grafana subchart). */
import type { Resources, StackConfig } from "../schema";
import { SECRETS } from "./secret-refs";
import { DASHBOARD_SIDECAR, DATASOURCE_UIDS, RELEASES, thanosQueryUrl } from "./endpoints";
import { adminPasswordResetInitContainer, GRAFANA_IMAGE_TAG } from "./grafana-admin";
import { resourceValues } from "./resources";
import { claimSpec } from "./volumes";

/** Pod annotation whose change rolls Grafana when the admin password is rotated. */
export const ADMIN_PASSWORD_VERSION_ANNOTATION = "observability-stack/admin-password-version";

/** Name of Grafana's PersistentVolumeClaim (same as the chart would give it). */
export const GRAFANA_CLAIM_NAME = RELEASES.grafana;

/** The spec of Grafana's PVC (SQLite database, plugins); none when Grafana is ephemeral. */
export function grafanaVolumeClaim(config: StackConfig): Record<string, unknown> | undefined {
    const p = config.grafana.persistence;
    if (!p.enabled) {
        return undefined;
    }
    return claimSpec(p.size, p.storageClass ?? config.storage.className);
}

/** Inputs of the Grafana values that are not in the stack config. */
export interface GrafanaValuesOptions {
    /** Loki's base URL; without it Grafana gets no Loki datasource. */
    lokiUrl?: string;
}

/** The Loki datasource, provisioned next to the chart's Prometheus one. */
export function lokiDatasource(url: string): Record<string, unknown> {
    return { name: "Loki", type: "loki", uid: DATASOURCE_UIDS.loki, access: "proxy", url, isDefault: false, editable: false };
}

function grafanaIni(config: StackConfig): Record<string, unknown> {
    const { ingress } = config.grafana;
    const smtp = config.alerting.smtp;
    return {
        // Air-gapped sites cannot reach grafana.com; the checks would only log errors.
        analytics: { check_for_updates: false, check_for_plugin_updates: false, reporting_enabled: false },
        ...(ingress.enabled ? { server: { root_url: `https://${ingress.host}/` } } : {}),
        // user and password come from smtp.existingSecret as GF_SMTP_USER / GF_SMTP_PASSWORD.
        smtp: {
            enabled: true,
            host: smtp.smarthost,
            from_address: smtp.from,
            startTLS_policy: smtp.requireTls ? "MandatoryStartTLS" : "OpportunisticStartTLS",
        },
    };
}

function ingressValues(config: StackConfig): Record<string, unknown> {
    const { ingress } = config.grafana;
    if (!ingress.enabled || ingress.host === undefined) {
        return { enabled: false };
    }
    const cm = config.cluster.certManager;
    const issuerAnnotation = cm.enabled && cm.issuer !== undefined
        ? { [cm.issuer.kind === "ClusterIssuer" ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer"]: cm.issuer.name }
        : {};
    // cert-manager fills the Secret named in tls; without cert-manager it must exist already,
    // and without a name the controller's default certificate serves the host.
    const tlsSecret = ingress.tlsSecretName ?? (cm.enabled ? `${RELEASES.grafana}-tls` : undefined);
    return {
        enabled: true,
        ...(ingress.className === undefined ? {} : { ingressClassName: ingress.className }),
        annotations: issuerAnnotation,
        hosts: [ingress.host],
        path: "/",
        tls: tlsSecret === undefined ? [] : [{ secretName: tlsSecret, hosts: [ingress.host] }],
    };
}

/**
 * Grafana's NetworkPolicy (ingress only, port 3000): from anywhere when an Ingress publishes it
 * (the controller lives in another namespace), else from the stack's namespace only.
 */
function networkPolicyValues(config: StackConfig): Record<string, unknown> {
    return {
        enabled: config.protection.networkPolicies,
        ingress: true,
        allowExternal: config.grafana.ingress.enabled,
        explicitNamespacesSelector: { matchLabels: { "kubernetes.io/metadata.name": config.namespace } },
    };
}

/**
 * The default Prometheus datasource's URL: Thanos Query with prometheus.longTerm, which answers
 * the same API over the sidecars (recent data) and the bucket (everything older), deduplicating
 * the replicas; otherwise the chart's own Prometheus Service.
 */
function prometheusDatasourceUrl(config: StackConfig): Record<string, unknown> {
    return config.prometheus.longTerm.enabled ? { url: thanosQueryUrl(config.namespace) } : {};
}

function sidecarValues(config: StackConfig, resources: Resources): Record<string, unknown> {
    return {
        // One setting for both sidecars (dashboards and datasources) in the grafana chart.
        resources: resourceValues(resources),
        dashboards: {
            enabled: true,
            label: DASHBOARD_SIDECAR.label,
            labelValue: DASHBOARD_SIDECAR.labelValue,
            folderAnnotation: DASHBOARD_SIDECAR.folderAnnotation,
            // Apps may ship dashboards in their own namespaces.
            searchNamespace: "ALL",
            // folderAnnotation only takes effect with foldersFromFilesStructure (grafana values.yaml).
            provider: { foldersFromFilesStructure: true },
        },
        datasources: { enabled: true, defaultDatasourceEnabled: true, isDefaultDatasource: true, uid: DATASOURCE_UIDS.prometheus, ...prometheusDatasourceUrl(config) },
    };
}

export function grafanaValues(config: StackConfig, options: GrafanaValuesOptions = {}): Record<string, unknown> {
    const g = config.grafana;
    const persistent = g.persistence.enabled;
    return {
        fullnameOverride: RELEASES.grafana,
        // The chart's test Pod is a Helm hook, which helm.v4.Chart skips anyway.
        testFramework: { enabled: false },
        image: { tag: GRAFANA_IMAGE_TAG },
        admin: { existingSecret: SECRETS.grafanaAdmin.name, userKey: SECRETS.grafanaAdmin.userKey, passwordKey: SECRETS.grafanaAdmin.passwordKey },
        smtp: { existingSecret: SECRETS.smtp.name, userKey: SECRETS.smtp.userKey, passwordKey: SECRETS.smtp.passwordKey },
        "grafana.ini": grafanaIni(config),
        // The claim is the program's own resource (grafanaVolumeClaim), so it can be protected
        // and retained on its own; the chart only mounts it.
        persistence: persistent ? { enabled: true, existingClaim: GRAFANA_CLAIM_NAME } : { enabled: false },
        // A ReadWriteOnce volume and SQLite allow one pod at a time.
        deploymentStrategy: { type: persistent ? "Recreate" : "RollingUpdate" },
        podAnnotations: { [ADMIN_PASSWORD_VERSION_ANNOTATION]: String(g.adminPasswordVersion) },
        extraInitContainers: persistent ? [adminPasswordResetInitContainer(config)] : [],
        resources: resourceValues(g.resources),
        sidecar: sidecarValues(config, g.sidecarResources),
        // fsGroup (472, the chart default) already makes the volume writable; the chown init
        // container would be one more root container without resources to run.
        initChownData: { enabled: false },
        additionalDataSources: options.lokiUrl === undefined ? [] : [lokiDatasource(options.lokiUrl)],
        ingress: ingressValues(config),
        networkPolicy: networkPolicyValues(config),
    };
}
