/** The Kubernetes provider every resource of the stack goes through. */
import * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "./config";

/**
 * The current kubeconfig context unless the stack names a context or kubeconfig. With
 * `kubernetes.renderYamlTo` nothing is applied: every object is written as YAML to that
 * directory instead, Secrets included, in plaintext (see the README before using it).
 */
export function createProvider(name: string, settings: StackConfig["kubernetes"]): k8s.Provider {
    return new k8s.Provider(name, {
        context: settings.context,
        kubeconfig: settings.kubeconfig,
        renderYamlToDirectory: settings.renderYamlTo,
        // Server-side apply lets chart upgrades take over fields (CRDs included) cleanly.
        enableServerSideApply: true,
    });
}
