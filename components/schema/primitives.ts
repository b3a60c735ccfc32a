/**
 * Reusable zod types for the stack config. Each carries the message a user sees, phrased as
 * the expected form, so every rejection names what to write instead.
 */
import { z } from "zod";
import { BYTES_PATTERN, CPU_PATTERN, DURATION_PATTERN } from "../units";

/** A Prometheus duration such as 30d or 12h (never empty, never a bare number). */
export const duration = z
    .string()
    .regex(DURATION_PATTERN, { message: "expected a Prometheus duration such as 30d, 12h or 90m" })
    .refine((v) => v !== "", { message: "expected a Prometheus duration such as 30d, 12h or 90m" });

/** A Kubernetes byte quantity such as 100Gi. */
export const bytes = z
    .string()
    .regex(BYTES_PATTERN, { message: "expected a Kubernetes quantity such as 100Gi or 512Mi" });

/** A Kubernetes CPU quantity such as 500m or 2. */
export const cpu = z.string().regex(CPU_PATTERN, { message: "expected a CPU quantity such as 500m or 2" });

/** An RFC 1123 DNS label: namespace, release and Secret-key friendly names. */
export const dnsLabel = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
        message: "expected a DNS label: lower-case letters, digits and '-', at most 63 characters",
    });

/** An RFC 1123 subdomain (storage class names, host names). */
export const dnsName = z
    .string()
    .max(253, { message: "expected a DNS name of at most 253 characters" })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
        message: "expected a DNS name such as grafana.example.com",
    });

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
    z.string().regex(labelValue, { message: "expected a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.'" }),
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

/** An HTTP(S) URL. */
export const httpUrl = z
    .string()
    .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/, { message: "expected an http:// or https:// URL" });

/** Container resources: requests and limits for cpu and memory. */
export const resources = z
    .object({
        requests: z.object({ cpu, memory: bytes }).strict(),
        limits: z.object({ cpu: cpu.optional(), memory: bytes }).strict(),
    })
    .strict();

export type Resources = z.infer<typeof resources>;
