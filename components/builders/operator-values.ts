/**
 * The `prometheusOperator` section. The chart makes the admission webhook's certificate in Helm
 * hook Jobs (admissionWebhooks.patch: kube-webhook-certgen), which helm.v4.Chart never runs, and
 * the operator Deployment mounts the Secret those Jobs create (`<fullname>-admission`) whenever
 * prometheusOperator.tls.enabled. Two hook-free set-ups remain:
 *  - cert-manager present: cert-manager issues `<fullname>-admission` and injects the CA into
 *    the webhook configurations (admissionWebhooks.certManager);
 *  - otherwise: no webhooks and plain-HTTP metrics, so nothing mounts a Secret no one creates.
 */
import type { StackConfig } from "../schema";
import { RELEASES } from "./endpoints";
import { resourceValues } from "./resources";

/**
 * helm.v4.Chart's ordering annotation: the object waits until the referenced one is ready, so
 * the webhooks are registered only once the operator serves them.
 */
export const DEPENDS_ON_ANNOTATION = "config.kubernetes.io/depends-on";

/** The `config.kubernetes.io/depends-on` reference to the operator Deployment. */
export function operatorDeploymentRef(namespace: string): string {
    return `apps/namespaces/${namespace}/Deployment/${RELEASES.kubePrometheusStack}-operator`;
}

function admissionWebhooks(namespace: string, certManager: boolean): Record<string, unknown> {
    if (!certManager) {
        return { enabled: false, patch: { enabled: false }, certManager: { enabled: false } };
    }
    const afterOperator = { annotations: { [DEPENDS_ON_ANNOTATION]: operatorDeploymentRef(namespace) } };
    return {
        enabled: true,
        // Ignore, not the chart's Fail: cert-manager's cainjector fills caBundle a moment after
        // the configuration exists, and a rule applied in that window must not fail the
        // deployment. The operator validates rules again when it loads them.
        failurePolicy: "Ignore",
        validatingWebhookConfiguration: afterOperator,
        mutatingWebhookConfiguration: afterOperator,
        patch: { enabled: false },
        // No issuerRef: the chart creates its own self-signed CA Issuer chain, whose Secret
        // carries the ca.crt cainjector needs. A cluster issuer (ACME, Vault) may not issue
        // for `*.svc` names or may omit ca.crt.
        certManager: { enabled: true },
    };
}

export function operatorValues(config: StackConfig): Record<string, unknown> {
    const certManager = config.cluster.certManager.enabled;
    return {
        resources: resourceValues(config.operator.resources),
        // The reloader runs beside every Prometheus and Alertmanager pod; the operator, not the
        // chart, renders it, so its resources can only come from here.
        prometheusConfigReloader: { resources: resourceValues(config.operator.configReloaderResources) },
        // The operator's HTTPS listener reads the webhook certificate; without cert-manager it
        // serves plain HTTP (its ServiceMonitor follows tls.enabled).
        tls: { enabled: certManager },
        admissionWebhooks: admissionWebhooks(config.namespace, certManager),
        // The chart's policy admits only the operator's port (webhook/metrics) and leaves
        // egress open (it talks to the API server).
        networkPolicy: { enabled: config.protection.networkPolicies, flavor: "kubernetes" },
    };
}
