/** The Kubernetes provider every resource of the stack goes through. */
import * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "./config";
import { secretIf } from "./config-secrets";

/**
 * The current kubeconfig context unless the stack names a context or kubeconfig. With
 * `kubernetes.renderYamlTo` nothing is applied: every object is written as YAML to that
 * directory instead, Secrets included, in plaintext (see the README before using it).
 * `storedAsSecret`: the stack stored `kubernetes` with --secret, so every value from it stays a
 * Pulumi secret; the kubeconfig always does, as it may hold the file's contents and tokens.
 */
export function createProvider(name: string, settings: StackConfig["kubernetes"], namespace: string, storedAsSecret = false): k8s.Provider {
    const render = settings.renderYamlTo !== undefined;
    return new k8s.Provider(name, {
        context: secretIf(settings.context, storedAsSecret),
        // The SDK fills an unset kubeconfig from $KUBECONFIG, which the provider refuses beside
        // renderYamlToDirectory; an empty one means none, so rendering ignores an ambient kubeconfig.
        kubeconfig: render ? "" : secretIf(settings.kubeconfig, true),
        renderYamlToDirectory: secretIf(settings.renderYamlTo, storedAsSecret),
        // Rendered chart objects without a namespace land in the provider's default namespace,
        // as a v4 Chart puts them in its release namespace (components/chart.ts).
        ...(render ? { namespace } : {}),
        // Server-side apply lets chart upgrades take over fields (CRDs included) cleanly.
        enableServerSideApply: true,
        // Without these the provider replaces a Secret or ConfigMap whenever its data changes.
        // Every one of the stack's has a fixed name that pods mount or read by reference, so a
        // replacement deletes the object under running pods (and its create races the delete);
        // an update in place is what a password rotation or a config change needs. Rollouts are
        // driven by pod-template annotations (grafana.adminPasswordVersion) and the operator's
        // config reloaders, not by new object names.
        enableSecretMutable: true,
        enableConfigMapMutable: true,
        // The stack is the declared owner of every field it sets, so its value wins over another
        // field manager's instead of failing the update. Seen against a real API server without
        // it: after an update killed once the API server had taken a StatefulSet, every later
        // `pulumi up` created it again under a new field manager and failed on a conflict with the
        // first one over fields the server defaults inside atomic fields (volumeClaimTemplates, an
        // env var's fieldRef). Objects another tool applied with other values (a helm release's
        // CRDs from another chart version) conflict the same way. Fields the stack does not set
        // stay with whoever set them. Rendering applies nothing.
        // (Provider option since pulumi-kubernetes#4242, 2026; PULUMI_K8S_ENABLE_PATCH_FORCE before.)
        ...(render ? {} : { enablePatchForce: true }),
    });
}
