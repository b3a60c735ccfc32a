/**
 * Reusable zod types for the stack config. Each carries the message a user sees, phrased as
 * the expected form, so every rejection names what to write instead.
 */
import { z } from "zod";
import { BYTES_PATTERN, CPU_PATTERN, DURATION_PATTERN, cpuCores, durationSeconds, quantityBytes } from "../units";

const DURATION_FORM = "a Prometheus duration such as 30d, 12h or 90m";

/** A Prometheus duration such as 30d or 12h, possibly zero (never empty, never a bare number). */
export const durationOrZero = z
    .string()
    .regex(DURATION_PATTERN, { message: `expected ${DURATION_FORM}` })
    .refine((v) => v !== "", { message: `expected ${DURATION_FORM}` });

/**
 * A Prometheus duration above zero. Every interval, retention and age of the config is one:
 * Alertmanager refuses a zero group_interval or repeat_interval ("cannot be zero"), Prometheus
 * a zero scrape or evaluation interval, and a zero retention or age would delete everything.
 */
export const duration = durationOrZero.refine((v) => !DURATION_PATTERN.test(v) || v === "" || durationSeconds(v) > 0, {
    message: `expected ${DURATION_FORM}, above zero`,
});

/** A Kubernetes byte quantity such as 100Gi. */
export const bytes = z
    .string()
    .regex(BYTES_PATTERN, { message: "expected a Kubernetes quantity such as 100Gi or 512Mi" });

/** A volume size: a quantity above zero (a PVC of 0 bytes is refused by every provisioner). */
export const volumeSize = z
    .string()
    .regex(BYTES_PATTERN, { message: "expected a volume size: a Kubernetes quantity such as 100Gi, above zero" })
    .refine((v) => !BYTES_PATTERN.test(v) || quantityBytes(v) > 0, { message: "expected a volume size above zero such as 50Gi" });

/** A Kubernetes CPU quantity such as 500m or 2. */
export const cpu = z.string().regex(CPU_PATTERN, { message: "expected a CPU quantity such as 500m or 2" });

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An RFC 1123 DNS label (namespace, app, cluster and webhook names); the example fits the field. */
export const dnsLabelOf = (example: string) =>
    z.string().regex(DNS_LABEL, {
        message: `expected a DNS label such as ${example}: lower-case letters, digits and '-', at most 63 characters`,
    });

/** A DNS label with a generic example, where no field-specific one is better. */
export const dnsLabel = dnsLabelOf("monitoring");

/** An RFC 1123 subdomain naming a Kubernetes object of `kind`, with an example of such a name. */
export const objectName = (kind: string, example: string) =>
    z
        .string()
        .max(253, { message: `expected a ${kind} name of at most 253 characters` })
        .regex(DNS_NAME, { message: `expected a ${kind} name such as ${example}: lower-case letters, digits, '-' and '.'` });

/** A host name such as grafana.example.com. */
export const dnsName = z
    .string()
    .max(253, { message: "expected a DNS name of at most 253 characters" })
    .regex(DNS_NAME, { message: "expected a DNS name such as grafana.example.com" });

export const storageClassName = objectName("StorageClass", "fast-ssd");
export const secretName = objectName("Secret", "grafana-tls");

/** host:port, where host is a DNS name or an IPv4 address. */
export const hostPort = z
    .string()
    .regex(/^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\]):(\d{1,5})$/, {
        message: "expected host:port such as smtp.example.com:587",
    })
    .refine((v) => {
        const port = Number(v.slice(v.lastIndexOf(":") + 1));
        return port >= 1 && port <= 65535;
    }, { message: "expected host:port with a port between 1 and 65535" });

/** An e-mail address (kept simple on purpose: Alertmanager and Grafana do the real parsing). */
export const email = z
    .string()
    .regex(/^[^\s@<>]+@[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)+$/, {
        message: "expected an e-mail address such as alerts@example.com",
    });

const labelName = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A Kubernetes label map: qualified names to values of at most 63 characters. */
export const labelMap = z.record(
    z.string().regex(labelName, { message: "expected a Kubernetes label name such as app.kubernetes.io/name" }),
    z.string().regex(labelValue, { message: "expected a Kubernetes label value such as checkout: at most 63 letters, digits, '-', '_' or '.'" }),
);

/** Prometheus label name (external labels, alert labels). */
export const promLabelName = z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: "expected a Prometheus label name such as team" });

/** An absolute filesystem path on a node. */
export const hostPath = z
    .string()
    .regex(/^\/[^\0\s]*$/, { message: "expected an absolute host path such as /var/log/kubernetes/audit" })
    .refine((p) => !p.split("/").includes(".."), { message: "expected an absolute host path without '..'" });

/** Replicas of a workload: a whole number from 1 to `max`. */
export const replicas = (max: number) =>
    z.number().int({ message: "expected a whole number" }).min(1, { message: "expected at least 1 replica" }).max(max, { message: `expected at most ${max} replicas` });

/**
 * A data key of a Secret or ConfigMap (both follow one rule, at most 253 letters, digits, '-',
 * '_' or '.'), as `kubectl create secret generic --from-literal=<key>=...` or
 * `kubectl create configmap --from-file=<key>=...` takes it.
 */
const dataKeyOf = (kind: string, example: string) =>
    z.string().regex(/^[-._a-zA-Z0-9]{1,253}$/, { message: `expected a ${kind} data key such as ${example}: letters, digits, '-', '_' or '.'` });

export const secretDataKey = dataKeyOf("Secret", "AWS_ACCESS_KEY_ID");
export const configMapDataKey = dataKeyOf("ConfigMap", "ca.crt");
export const configMapName = objectName("ConfigMap", "object-store-ca");

/**
 * An S3 bucket name (AWS' rules, which self-hosted stores follow): 3 to 63 lowercase letters,
 * digits, '.' or '-', starting and ending with a letter or digit.
 */
export const s3BucketName = (example: string) =>
    z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: `expected an S3 bucket name such as ${example}: 3 to 63 lowercase letters, digits, '.' or '-'` });

/** An HTTP(S) URL. */
export const httpUrl = z
    .string()
    .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/, { message: "expected an http:// or https:// URL" });

/**
 * Container resources: requests and limits for cpu and memory. A limit below its request is
 * refused by the API server for the whole workload at `pulumi up`, so it is refused here.
 */
export const resources = z
    .object({
        requests: z.object({ cpu, memory: bytes }).strict(),
        limits: z.object({ cpu: cpu.optional(), memory: bytes }).strict(),
    })
    .strict()
    // A failed pattern does not stop zod from running the object's refinements: `when` does.
    .superRefine((r, ctx) => {
        if (quantityBytes(r.limits.memory) < quantityBytes(r.requests.memory)) {
            ctx.addIssue({ code: "custom", path: ["limits", "memory"], message: `expected a limit of at least the request (requests.memory: ${r.requests.memory})` });
        }
        if (r.limits.cpu !== undefined && cpuCores(r.limits.cpu) < cpuCores(r.requests.cpu)) {
            ctx.addIssue({ code: "custom", path: ["limits", "cpu"], message: `expected a limit of at least the request (requests.cpu: ${r.requests.cpu})` });
        }
    }, { when: (p) => whenFieldsValid(p.value, ["requests", "limits"], p.issues) });

export type Resources = z.infer<typeof resources>;

/**
 * For a cross-field rule (`refine(..., { when })`): run it when the value is an object and none
 * of `fields` (dotted paths below it) has a problem, so the rule is checked, and reported, while
 * other fields are wrong. zod skips an object's refinements after any problem inside it otherwise.
 */
export function whenFieldsValid(value: unknown, fields: string[], issues: readonly { code?: string; path?: PropertyKey[] }[]): boolean {
    const overlaps = (issuePath: string, field: string) =>
        issuePath === "" || issuePath === field || issuePath.startsWith(`${field}.`) || field.startsWith(`${issuePath}.`);
    return (
        typeof value === "object" &&
        value !== null &&
        // An unknown key beside the fields leaves their values as they are.
        !issues.some((i) => i.code !== "unrecognized_keys" && fields.some((f) => overlaps((i.path ?? []).map(String).join("."), f)))
    );
}
