/** Cluster-wide settings: where the stack goes, how it reaches the cluster and its mirrors. */
import { z } from "zod";
import { dnsLabelOf, objectName, storageClassName } from "./primitives";

export const environmentSchema = z.enum(["dev", "prod"], {
    message: "expected one of dev, prod (or a stack named dev or prod)",
});

export const clusterSchema = z
    .object({
        /** Becomes the `cluster` external label and the event exporter's stream label. */
        name: dnsLabelOf("prod-eu-1"),
        /**
         * Control-plane components Prometheus scrapes. kubeadm binds the controller manager,
         * scheduler and etcd metrics to 127.0.0.1 and managed clusters hide them: scraping
         * what cannot be reached only produces TargetDown alerts forever.
         */
        controlPlane: z
            .object({
                kubeControllerManager: z.boolean(),
                kubeScheduler: z.boolean(),
                etcd: z.boolean(),
                kubeProxy: z.boolean(),
            })
            .strict(),
        /** cert-manager present: it issues the operator webhook and Ingress certificates. */
        certManager: z
            .object({
                enabled: z.boolean(),
                issuer: z
                    .object({ kind: z.enum(["ClusterIssuer", "Issuer"], { message: "expected ClusterIssuer or Issuer" }), name: objectName("cert-manager issuer", "letsencrypt-prod") })
                    .strict()
                    .optional(),
            })
            .strict(),
    })
    .strict()
    .refine((c) => !c.certManager.enabled || c.certManager.issuer !== undefined, {
        message: "expected certManager.issuer {kind, name} when certManager.enabled is true",
        path: ["certManager", "issuer"],
    });

/**
 * Kubernetes version charts are rendered for when no cluster is asked (`renderYamlTo`): the
 * charts' `kubeVersion` constraints refuse the v1.20 that Helm assumes without a cluster.
 */
export const DEFAULT_RENDER_KUBE_VERSION = "1.34.0";

export const kubernetesSchema = z
    .object({
        /** kubeconfig context; the current context when unset. */
        context: z.string().min(1, { message: "expected a kubeconfig context name such as prod-admin" }).optional(),
        /** Path to a kubeconfig file (or its contents); the default kubeconfig when unset. */
        kubeconfig: z.string().min(1, { message: "expected a kubeconfig file path such as ~/.kube/prod.yaml, or its contents" }).optional(),
        /** Render every object as YAML into this directory instead of applying it. */
        renderYamlTo: z.string().min(1, { message: "expected a directory such as rendered/" }).optional(),
        /** The target cluster's Kubernetes version, for rendering (`renderYamlTo`) only. */
        renderKubeVersion: z
            .string()
            .regex(/^v?\d+\.\d+\.\d+$/, { message: "expected a Kubernetes version such as 1.34.0" })
            .optional(),
    })
    .strict()
    .superRefine((k, ctx) => {
        // Rendering asks no cluster; naming one as well is a contradiction, not a preference.
        for (const key of ["context", "kubeconfig"] as const) {
            if (k.renderYamlTo !== undefined && k[key] !== undefined) {
                ctx.addIssue({ code: "custom", path: [key], message: "expected no cluster access with renderYamlTo: unset one of them" });
            }
        }
        if (k.renderYamlTo === undefined && k.renderKubeVersion !== undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["renderKubeVersion"],
                message: "expected only with renderYamlTo: a live cluster reports its own version",
            });
        }
    });

const registryHost = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/, {
        message: "expected a registry host with an optional port and path such as registry.local:5000/mirror",
    });

/**
 * A chart repository address without credentials: a URL is stored in plaintext in the Chart's
 * inputs and the state, where no policy sees it. The user name goes in `username`, the password
 * in the secret config key `chartRepositoryPassword`.
 */
const repositoryUrl = (pattern: RegExp, form: string) =>
    z
        .string()
        .regex(pattern, { message: `expected ${form}` })
        .refine((url) => !/^[a-z]+:\/\/[^/\s]*@/i.test(url), {
            message: `expected ${form}, without credentials: set mirrors.charts.username and the secret chartRepositoryPassword (pulumi config set --secret chartRepositoryPassword ...)`,
        });

/** User name for the chart repository; its password is the secret `chartRepositoryPassword`. */
const repositoryUser = z.string().regex(/^[^\s:@]{1,128}$/, { message: "expected a repository user name such as ci-robot, without spaces, ':' or '@'" }).optional();

export const mirrorsSchema = z
    .object({
        /**
         * Where charts come from. Unset: each chart's public repository. `http`: a Helm
         * repository; `oci`: a registry prefix (oci://host/path); `local`: a directory that
         * holds one unpacked chart folder per chart name.
         */
        charts: z
            .discriminatedUnion("kind", [
                z.object({ kind: z.literal("http"), url: repositoryUrl(/^https?:\/\/\S+$/, "an http(s) Helm repository URL such as https://charts.example.com/stable"), username: repositoryUser }).strict(),
                z.object({ kind: z.literal("oci"), url: repositoryUrl(/^oci:\/\/\S+$/, "an oci:// registry prefix such as oci://registry.example.com/charts"), username: repositoryUser }).strict(),
                z.object({ kind: z.literal("local"), path: z.string().min(1, { message: "expected a directory path" }) }).strict(),
            ], { message: "expected kind http, oci or local" })
            .optional(),
        /** Registry that replaces every image's registry (docker.io, quay.io, ghcr.io, registry.k8s.io). */
        imageRegistry: registryHost.optional(),
        /** Names of docker-registry Secrets in the namespace, used for every image pull. */
        imagePullSecrets: z.array(objectName("Secret", "regcred")),
    })
    .strict();

export const storageSchema = z
    .object({
        /** StorageClass for every volume without its own; the cluster default when unset. */
        className: storageClassName.optional(),
    })
    .strict();

export const protectionSchema = z
    .object({
        /** NetworkPolicies around Prometheus, Alertmanager, the operator and Loki. */
        networkPolicies: z.boolean(),
        /** `protect` and `retainOnDelete` on everything that holds data. */
        protectStatefulResources: z.boolean(),
    })
    .strict();
