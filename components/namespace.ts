/** The namespace that holds the stack, with its pod-security level chosen on purpose. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { standardLabels } from "./labels";

/**
 * node-exporter needs hostNetwork, hostPID and hostPath, and the log agents read /var/log
 * from the host: even the `baseline` Pod Security level forbids those, so the namespace is
 * enforced at `privileged`. `audit` and `warn` stay at `baseline` so any other pod that would
 * need the exemption shows up in the audit log and in `pulumi up` output.
 */
export const POD_SECURITY_LABELS = {
    "pod-security.kubernetes.io/enforce": "privileged",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": "baseline",
    "pod-security.kubernetes.io/warn": "baseline",
};

export function createNamespace(name: string, namespace: string, opts: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(name, {
        metadata: {
            name: namespace,
            labels: { ...standardLabels("observability-stack", namespace, "namespace"), ...POD_SECURITY_LABELS },
        },
    }, opts);
}

/**
 * The name of a cluster-scoped object of the stack: the namespace's name first, so two stacks in
 * one cluster stay apart. Built from the Namespace resource's output, so the object waits for the
 * namespace, and through it for the cluster prerequisites (prerequisites.ts): a stack whose
 * prerequisites are missing creates nothing at all, not even a ClusterRole.
 */
export function clusterScopedName(namespace: pulumi.Input<string>, name: string): pulumi.Output<string> {
    return pulumi.interpolate`${namespace}-${name}`;
}
