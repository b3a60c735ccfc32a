/** Every host an Ingress publishes is served over TLS with a certificate of its own. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { isObject, Json, objectName, TYPES } from "./lib/k8s";
import { at, UNKNOWN } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

export interface IngressTlsConfig {
    /** Require a secretName on the TLS entry covering each host. */
    requireSecretName: boolean;
}

export const INGRESS_TLS_DEFAULTS: IngressTlsConfig = { requireSecretName: true };

/** How the program sets TLS up, for the messages. */
const REMEDY = "turn cert-manager on (cluster.certManager) or name an existing certificate Secret (grafana.ingress.tlsSecretName; grafana chart: ingress.tls)";

export const ingressTls: ResourceValidationPolicy = {
    name: "ingress-tls",
    description: "Every Ingress serves each of its hosts over TLS, with a certificate Secret named for it unless the stack's config allows the controller's default certificate.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireSecretName: {
                type: "boolean",
                default: INGRESS_TLS_DEFAULTS.requireSecretName,
                description: "Require a secretName in the TLS entry of each host; without one the controller serves its default certificate, which is not issued for the host.",
            },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.ingress) {
            return;
        }
        const { requireSecretName } = configWithDefaults(INGRESS_TLS_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const spec: Json = args.props.spec ?? {};
        const tls = Array.isArray(spec.tls) ? spec.tls.filter(isObject) : [];
        for (const host of hostsOf(spec)) {
            const shown = host === "" ? "every host (a rule without host)" : `host ${host}`;
            const entries = tls.filter((t) => covers(t, host));
            if (entries.length === 0) {
                reportViolation(`Ingress ${name} serves ${shown} without TLS (no spec.tls entry lists it), so logins and data cross the network in clear text; ${REMEDY}.`);
            } else if (requireSecretName && !entries.some(hasSecretName)) {
                reportViolation(`Ingress ${name} serves ${shown} over TLS without a secretName, so the controller's default certificate, not one issued for the host, is presented; ${REMEDY}.`);
            }
        }
    }),
};

/** A secretName a preview does not know is still set: it counts as present. */
function hasSecretName(entry: Json): boolean {
    const secretName = at(entry, "secretName");
    return secretName === UNKNOWN || (typeof secretName === "string" && secretName !== "");
}

/**
 * The hosts an Ingress serves: each rule's host, "" for a rule without one, and "" for a
 * default backend without rules (it answers every host).
 */
function hostsOf(spec: Json): string[] {
    const rules = Array.isArray(spec.rules) ? spec.rules.filter(isObject) : [];
    const hosts = rules.map((r) => (typeof r.host === "string" ? r.host : ""));
    if (rules.length === 0 && isObject(spec.defaultBackend)) {
        hosts.push("");
    }
    return [...new Set(hosts)];
}

/**
 * Whether a TLS entry covers a host: an entry without hosts covers every host (the API's
 * default: the controller's wildcard), a `*.example.com` entry covers one label under it.
 */
function covers(entry: Json, host: string): boolean {
    const hosts: unknown[] = Array.isArray(entry.hosts) ? entry.hosts : [];
    return hosts.length === 0 || hosts.some((pattern) => typeof pattern === "string" && hostMatches(pattern, host));
}

function hostMatches(pattern: string, host: string): boolean {
    if (pattern === host) {
        return true;
    }
    if (!pattern.startsWith("*.") || !host.endsWith(pattern.slice(1))) {
        return false;
    }
    const label = host.slice(0, host.length - pattern.length + 1);
    return label !== "" && !label.includes(".");
}
