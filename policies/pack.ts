/**
 * The pack's policies and defaults, importable without starting the policy server (index.ts
 * does that), so tests and the benchmark run exactly what `pulumi preview` runs.
 */
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { alertmanagerRetention } from "./alertmanager-retention";
import { alertmanagerSecretsByReference } from "./alertmanager-secrets-by-reference";
import { appsHaveSlos } from "./apps-have-slos";
import { containerResources } from "./container-resources";
import { grafanaAdminSecretByReference } from "./grafana-admin-secret-by-reference";
import { haReplicasAndDisruptionBudgets } from "./ha-replicas-and-disruption-budgets";
import { ingressTls } from "./ingress-tls";
import { lokiCompactorRetention } from "./loki-compactor-retention";
import { lokiDisruptionBudgets } from "./loki-disruption-budgets";
import { lokiRetention } from "./loki-retention";
import { networkIsolation } from "./network-isolation";
import { noCredentialsInConfigMaps } from "./no-credentials-in-configmaps";
import { noLiteralCredentialEnv } from "./no-literal-credential-env";
import { objectStoreKeysByReference } from "./object-store-keys-by-reference";
import { persistentStorage } from "./persistent-storage";
import { pinnedImageTags } from "./pinned-image-tags";
import { prometheusAdminApiRestricted } from "./prometheus-admin-api-restricted";
import { prometheusRetention } from "./prometheus-retention";
import { prometheusRetentionSize } from "./prometheus-retention-size";
import { replicatedWorkloads } from "./replicated-workloads";
import { statefulResourcesProtected } from "./stateful-resources-protected";
import { storageClassAllowlist } from "./storage-class-allowlist";
import { thanosCompactorRetention } from "./thanos-compactor-retention";
import { thanosSingleCompactor } from "./thanos-single-compactor";
import { userAlertsLabelled } from "./user-alerts-labelled";
import { volumeSizeBounds } from "./volume-size-bounds";

export const PACK_NAME = "observability-guardrails";

/** Strict unless a stack's config file relaxes a policy: an unconfigured run blocks on violations. */
export const PACK_ENFORCEMENT: EnforcementLevel = "mandatory";

export const POLICIES: Policies = [
    prometheusRetention,
    prometheusRetentionSize,
    alertmanagerRetention,
    lokiRetention,
    lokiCompactorRetention,
    thanosCompactorRetention,
    thanosSingleCompactor,
    persistentStorage,
    storageClassAllowlist,
    volumeSizeBounds,
    statefulResourcesProtected,
    noLiteralCredentialEnv,
    noCredentialsInConfigMaps,
    objectStoreKeysByReference,
    alertmanagerSecretsByReference,
    grafanaAdminSecretByReference,
    containerResources,
    pinnedImageTags,
    haReplicasAndDisruptionBudgets,
    lokiDisruptionBudgets,
    replicatedWorkloads,
    networkIsolation,
    prometheusAdminApiRestricted,
    ingressTls,
    appsHaveSlos,
    userAlertsLabelled,
];
