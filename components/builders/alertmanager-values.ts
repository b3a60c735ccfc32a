/** The `alertmanager` section of the kube-prometheus-stack values. */
import type { StackConfig } from "../schema";
import { SECRETS } from "./secret-refs";
import { ALERTMANAGER_SECRETS_DIR, alertmanagerConfig, type AlertmanagerSecretKeys } from "./alertmanager-config";
import { disruptionBudget, RETAIN_VOLUMES, sameNamespaceIngress, volumeClaimTemplate } from "./prometheus-values";
import { resourceValues } from "./resources";
import { ALERTMANAGER_CONFIG_DIR, NOTIFICATION_TEMPLATE_FILE, notificationTemplates } from "./notifications/templates";

/**
 * Secrets the operator mounts at /etc/alertmanager/secrets/<name>/<key>
 * (alertmanagerSpec.secrets), where the config's *_file fields point.
 */
export const ALERTMANAGER_MOUNTED_SECRETS = [SECRETS.smtp.name, SECRETS.receivers.name];

/** Alertmanager's cluster gossip between replicas: without it HA replicas notify twice. */
function peerIngress(): Record<string, unknown> {
    return {
        from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager" } } }],
        ports: [{ port: 9094, protocol: "TCP" }, { port: 9094, protocol: "UDP" }],
    };
}

export function alertmanagerValues(config: StackConfig, keys: AlertmanagerSecretKeys = {}): Record<string, unknown> {
    const a = config.alertmanager;
    return {
        // Helm deep-merges `config` over the chart's default: lists the program sets replace
        // the default's, maps merge. `templates` names the one file below rather than the
        // chart's glob; what remains is global.resolve_timeout: 5m, Alertmanager's own default.
        config: { templates: [`${ALERTMANAGER_CONFIG_DIR}/${NOTIFICATION_TEMPLATE_FILE}`], ...alertmanagerConfig(config, ALERTMANAGER_SECRETS_DIR, keys) },
        // The chart writes these into the config Secret beside alertmanager.yaml; the operator
        // mounts that at ALERTMANAGER_CONFIG_DIR.
        templateFiles: { [NOTIFICATION_TEMPLATE_FILE]: notificationTemplates() },
        podDisruptionBudget: disruptionBudget(a.replicas),
        networkPolicy: {
            enabled: config.protection.networkPolicies,
            policyTypes: ["Ingress"],
            // The chart's own rules admit Prometheus and the reloader; its peer rule needs
            // service.clusterPort, which is unset, so gossip (TCP and UDP 9094) is added here,
            // with the rest of the namespace (Grafana's datasource, Loki's ruler) on 9093.
            additionalIngress: [...sameNamespaceIngress([9093]), peerIngress()],
        },
        alertmanagerSpec: {
            replicas: a.replicas,
            retention: a.retention,
            resources: resourceValues(a.resources),
            storage: volumeClaimTemplate(a.volumeSize, a.storageClass ?? config.storage.className),
            persistentVolumeClaimRetentionPolicy: { ...RETAIN_VOLUMES },
            secrets: [...ALERTMANAGER_MOUNTED_SECRETS],
        },
    };
}
