/**
 * What the cluster must already have for this stack (README: Prerequisites), read from the
 * cluster before anything is created. A missing StorageClass otherwise shows as volume claims
 * that stay Pending until Pulumi's 10-minute wait for the StatefulSet gives up, and missing
 * cert-manager CRDs or issuer as certificates that never become ready. Each read is a resource
 * whose name says which config key asked for what and how to provide it: when the object is
 * missing, `pulumi preview` (and the first seconds of `pulumi up`) fail with that name and
 * "resource '<name>' does not exist", and the namespace, which everything else waits for, is not
 * created. Reads change nothing and show as unchanged in later previews.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";

export interface Prerequisite {
    kind: "StorageClass" | "CustomResourceDefinition" | "ClusterIssuer";
    name: string;
    /** The config keys that ask for it. */
    keys: string[];
    /** How to provide it. */
    remedy: string;
}

const CERT_MANAGER_CRDS = ["certificates.cert-manager.io", "issuers.cert-manager.io", "clusterissuers.cert-manager.io"];

/**
 * The StorageClasses the stack's volumes name, each with the keys that name it. A volume without
 * one uses the cluster's default StorageClass, which a read by name cannot check.
 */
function storageClasses(config: StackConfig): Map<string, string[]> {
    const target = config.backups.target;
    // [key, whether the stack creates that volume, the class the key sets]
    const volumes: [string, boolean, string | undefined][] = [
        ["prometheus.storageClass", true, config.prometheus.storageClass],
        ["alertmanager.storageClass", true, config.alertmanager.storageClass],
        ["loki.storageClass", true, config.loki.storageClass],
        ["grafana.persistence.storageClass", config.grafana.persistence.enabled, config.grafana.persistence.storageClass],
        ["pushgateway.persistence.storageClass", config.pushgateway.enabled && config.pushgateway.persistence.enabled, config.pushgateway.persistence.storageClass],
        ["backups.target.storageClass", config.backups.enabled && target?.kind === "pvc" && target.size !== undefined, target?.kind === "pvc" ? target.storageClass : undefined],
    ];
    const byName = new Map<string, string[]>();
    for (const [key, created, own] of volumes) {
        const [name, setBy] = own !== undefined ? [own, key] : [config.storage.className, "storage.className"];
        if (created && name !== undefined) {
            byName.set(name, [...new Set([...(byName.get(name) ?? []), setBy])]);
        }
    }
    return byName;
}

/** Everything the stack needs the cluster to have, from its config alone. */
export function prerequisites(config: StackConfig): Prerequisite[] {
    const out: Prerequisite[] = [...storageClasses(config)].map(([name, keys]) => ({
        kind: "StorageClass",
        name,
        keys,
        remedy: "create it, or name one that `kubectl get storageclass` lists",
    }));
    const certManager = config.cluster.certManager;
    if (certManager.enabled) {
        for (const crd of CERT_MANAGER_CRDS) {
            out.push({ kind: "CustomResourceDefinition", name: crd, keys: ["cluster.certManager.enabled"], remedy: "install cert-manager first, or set cluster.certManager.enabled to false" });
        }
        // An Issuer lives in the stack's namespace, which the stack creates: only a ClusterIssuer
        // can be checked before the first `up`.
        if (certManager.issuer?.kind === "ClusterIssuer") {
            out.push({ kind: "ClusterIssuer", name: certManager.issuer.name, keys: ["cluster.certManager.issuer"], remedy: "create it, or name one that `kubectl get clusterissuers` lists" });
        }
    }
    return out;
}

/** The read's resource name, which is what the engine prints when the object is missing. */
export function prerequisiteName(p: Prerequisite): string {
    return `prerequisite ${p.keys.join(", ")}: ${p.kind} "${p.name}" must exist (${p.remedy})`;
}

/** Reads each prerequisite from the cluster; depend on the result to create nothing without them. */
export function readPrerequisites(config: StackConfig, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    if (config.kubernetes.renderYamlTo !== undefined) {
        return [];
    }
    return prerequisites(config).map((p) => {
        const name = prerequisiteName(p);
        switch (p.kind) {
            case "StorageClass":
                return k8s.storage.v1.StorageClass.get(name, p.name, opts);
            case "CustomResourceDefinition":
                return k8s.apiextensions.v1.CustomResourceDefinition.get(name, p.name, opts);
            case "ClusterIssuer":
                return k8s.apiextensions.CustomResource.get(name, { ...opts, apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", id: p.name });
        }
    });
}
