/**
 * What the tier checks on a stack that `pulumi up` created: the Prometheus and Alertmanager
 * objects carry the stack config, the stack's Secrets exist and no other object carries their
 * passwords, and every workload the stack owns is ready.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as path from "path";
import { kubePrometheusValues } from "../../../components/builders/kube-prometheus-values";
import { OBJECT_STORE_CA_DIR, OBJECT_STORE_CA_FILE } from "../../../components/builders/object-store-ca";
import { SECRETS } from "../../../components/builders/secret-refs";
import { S3_ACCESS_KEY_ENV } from "../../../components/schema/object-storage";
import type { StackConfig } from "../../../components/config";
import { get, items, kubectl, notReady, Obj, secretData } from "./kubectl";
import { stackConfig } from "../../helpers/config";
import { CommandResult, configPaths, ok, Project, record } from "./pulumi";

/** The object store's credentials, a Secret the user makes (README: Long-term metrics). */
export const OBJECT_STORE_SECRET = "object-store-credentials";

/** The store's private CA, a ConfigMap the user makes (README: TLS to the store). */
export const OBJECT_STORE_CA = { name: "object-store-ca", key: "ca.crt" };

/** What switchOnLongTerm sets (each leaf with `pulumi config set --path`), and the checks expect. */
export const LONG_TERM_OVERRIDES = {
    objectStorage: { endpoint: "s3.storage.example.internal:9000", credentials: { name: OBJECT_STORE_SECRET }, caBundle: OBJECT_STORE_CA, buckets: { metrics: "thanos-metrics" } },
    prometheus: { longTerm: { enabled: true } },
};

/** A self-signed CA certificate made with openssl, as a site's private CA would be; its PEM file. */
function caCertificate(dir: string): string {
    const [key, cert] = [path.join(dir, "store-ca.key"), path.join(dir, "store-ca.pem")];
    const r = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=object store test CA"], { encoding: "utf8", timeout: 60_000 });
    assert.strictEqual(r.status, 0, `openssl: ${r.stderr}`);
    return cert;
}

/** The remote write target's credentials, a Secret the user makes, and the target configureRemoteWrite sets (as switchOnLongTerm does). */
export const REMOTE_WRITE_SECRET = "remote-write-credentials";
export const REMOTE_WRITE_OVERRIDES = {
    prometheus: {
        remoteWrite: [{
            name: "receive",
            // Never dialled: no Prometheus runs in this cluster, the operator only generates its configuration.
            url: "http://thanos-receive.metrics-platform.svc:19291/api/v1/receive",
            basicAuth: { username: { name: REMOTE_WRITE_SECRET, key: "username" }, password: { name: REMOTE_WRITE_SECRET, key: "password" } },
            tenantHeader: { name: "THANOS-TENANT" as const, value: "tier-prod" },
        }],
    },
};

/**
 * Adds a remote write target as a user does: the credentials Secret made with kubectl, then
 * the keys (applied by the next `up`). Returns the password it put in the Secret.
 */
export function configureRemoteWrite(project: Project, namespace: string): string {
    const password = randomBytes(24).toString("hex");
    kubectl(["create", "secret", "generic", REMOTE_WRITE_SECRET, "-n", namespace, "--from-literal=username=tier-prometheus", `--from-literal=password=${password}`]);
    project.configure(configPaths(REMOTE_WRITE_OVERRIDES));
    return password;
}

/**
 * Switches prometheus.longTerm on as a user does: the credentials Secret and the CA ConfigMap
 * made with kubectl first, then the keys, one `up` and a preview that must show no change. Returns the secret key
 * it put in the Secret, so a test can look for it where it must not be.
 */
export function switchOnLongTerm(project: Project, namespace: string): string {
    const secretKey = randomBytes(24).toString("hex");
    kubectl(["create", "secret", "generic", OBJECT_STORE_SECRET, "-n", namespace, "--from-literal=AWS_ACCESS_KEY_ID=tier-access-key", `--from-literal=AWS_SECRET_ACCESS_KEY=${secretKey}`]);
    kubectl(["create", "configmap", OBJECT_STORE_CA.name, "-n", namespace, `--from-file=${OBJECT_STORE_CA.key}=${caCertificate(project.dir)}`]);
    project.configure(configPaths(LONG_TERM_OVERRIDES));
    step(project, "up (long-term metrics)", ["up", "--yes", "--skip-preview"]);
    step(project, "preview (no change with long-term metrics)", ["preview", "--expect-no-changes", "--diff"]);
    return secretKey;
}

/**
 * The live containers that get the store's keys (so open the bucket), as "<Kind> <name>/<container>",
 * after checking that each mounts the CA ConfigMap's key read-only, as the file the clients trust.
 * The Prometheus object counts with its `containers` patch and `volumes`, which the operator merges.
 */
export function assertCaWhereKeys(namespace: string): string[] {
    const owners: string[] = [];
    for (const w of items(["deployments,statefulsets,prometheuses.monitoring.coreos.com", "-n", namespace])) {
        const pod = w.kind === "Prometheus" ? w.spec : w.spec.template.spec;
        for (const c of (pod.containers ?? []) as Obj[]) {
            if (!((c.env ?? []) as Obj[]).some((e) => e.name === S3_ACCESS_KEY_ENV)) {
                continue;
            }
            const where = `${w.kind} ${w.metadata.name}/${c.name}`;
            owners.push(where);
            const mount = ((c.volumeMounts ?? []) as Obj[]).find((m) => m.mountPath === OBJECT_STORE_CA_DIR);
            assert.ok(mount?.readOnly === true, `${where} does not mount ${OBJECT_STORE_CA_DIR} read-only: ${JSON.stringify(c.volumeMounts)}`);
            const volume = ((pod.volumes ?? []) as Obj[]).find((v) => v.name === mount.name);
            assert.deepStrictEqual(volume?.configMap?.items, [{ key: OBJECT_STORE_CA.key, path: OBJECT_STORE_CA_FILE }], `${where}: volume ${JSON.stringify(volume)}`);
            assert.strictEqual(volume.configMap.name, OBJECT_STORE_CA.name, where);
        }
    }
    return owners.sort();
}

/** The chart values the program passed, to compare with what the operator got. */
function specValues(config: StackConfig): { prometheus: Obj; alertmanager: Obj } {
    const v = kubePrometheusValues(config) as Obj;
    return { prometheus: v.prometheus.prometheusSpec, alertmanager: v.alertmanager.alertmanagerSpec };
}

export function assertSpecsFollowConfig(config: StackConfig): void {
    const want = specValues(config);
    const [prom] = items(["prometheuses.monitoring.coreos.com", "-n", config.namespace]);
    assert.ok(prom, "no Prometheus object");
    for (const key of ["retention", "retentionSize", "replicas"]) {
        assert.deepStrictEqual(prom.spec[key], want.prometheus[key], `Prometheus spec.${key}`);
    }
    assert.deepStrictEqual(prom.spec.storage, want.prometheus.storageSpec, "Prometheus spec.storage");
    const [am] = items(["alertmanagers.monitoring.coreos.com", "-n", config.namespace]);
    assert.ok(am, "no Alertmanager object");
    for (const key of ["retention", "replicas"]) {
        assert.deepStrictEqual(am.spec[key], want.alertmanager[key], `Alertmanager spec.${key}`);
    }
}

/** The stack's Secrets exist, and no ConfigMap, other Secret or pod spec anywhere holds a password. */
export function assertSecretsOnlyByReference(namespace: string): void {
    const passwords: string[] = [];
    for (const s of [SECRETS.grafanaAdmin, SECRETS.smtp]) {
        const secret = get(["secret", s.name, "-n", namespace]);
        const password = secretData(secret)[s.passwordKey];
        assert.ok(password.length >= 16, `${s.name} holds no password`);
        passwords.push(password);
    }
    get(["secret", SECRETS.receivers.name, "-n", namespace]);
    const owners = new Set<string>([SECRETS.grafanaAdmin.name, SECRETS.smtp.name]);
    const haystacks: [string, string][] = [
        ...items(["configmaps", "-A"]).map((c): [string, string] => [`ConfigMap ${c.metadata.namespace}/${c.metadata.name}`, JSON.stringify(c.data ?? {})]),
        ...items(["secrets", "-A"])
            .filter((s) => !(s.metadata.namespace === namespace && owners.has(s.metadata.name)))
            .map((s): [string, string] => [`Secret ${s.metadata.namespace}/${s.metadata.name}`, Object.values(secretData(s)).join("\n")]),
        ...items(["deployments,statefulsets,daemonsets,prometheuses.monitoring.coreos.com,alertmanagers.monitoring.coreos.com", "-A"])
            .map((w): [string, string] => [`${w.kind} ${w.metadata.namespace}/${w.metadata.name}`, JSON.stringify(w.spec)]),
    ];
    for (const [where, text] of haystacks) {
        for (const p of passwords) {
            assert.ok(!text.includes(p), `${where} contains a generated password`);
        }
    }
}


export function assertWorkloadsReady(namespace: string): void {
    assert.deepStrictEqual(notReady(namespace), [], `workloads in ${namespace} not ready`);
}

/** Records a command's figures (wall time, peak memory, exit status) under a step name. */
export function recordStep(stack: string, what: string, r: CommandResult): CommandResult {
    record({ stack, step: what, seconds: Math.round(r.seconds * 10) / 10, peakMiB: r.peakMiB, status: r.status });
    return r;
}

/** Runs a pulumi command, records its figures for the bench, and checks it succeeded. */
export function step(project: Project, what: string, args: string[]): CommandResult {
    return ok(recordStep(project.stack, what, project.pulumi(args)), `pulumi ${args.join(" ")}`);
}

/** The steps a `pulumi preview --json` plans, without the ones that change nothing. */
export function plannedChanges(r: CommandResult): { op: string; type: string; urn: string }[] {
    const plan = JSON.parse(r.stdout) as { steps?: { op: string; urn: string; newState?: { type: string }; oldState?: { type: string } }[] };
    return (plan.steps ?? [])
        // Reads (the cluster prerequisites, components/prerequisites.ts) change nothing.
        .filter((s) => s.op !== "same" && s.op !== "read")
        .map((s) => ({ op: s.op, urn: s.urn, type: s.newState?.type ?? s.oldState?.type ?? "" }));
}

/**
 * The steps every stack goes through, as `it` blocks of the calling `describe`: a new stack
 * from the repository's stack file with charts from the local mirror, preview, up, a second
 * preview that must change nothing, and the live checks. Returns the project for later steps.
 */
export function upAndCheck(stack: string): () => Project {
    let project: Project | undefined;
    const config = stackConfig(stack);
    before(() => {
        project = new Project(stack);
        ok(project.pulumi(["stack", "init"]), "stack init");
        project.configure({ "mirrors.charts.kind": "local", "mirrors.charts.path": process.env.CHART_MIRROR ?? "" });
    });
    const p = () => {
        assert.ok(project, "the stack was not initialised");
        return project;
    };

    it("previews a new stack", () => {
        step(p(), "preview (new stack)", ["preview", "--diff"]);
    });
    it("comes up in one `pulumi up`", () => {
        step(p(), "up", ["up", "--yes", "--skip-preview"]);
    });
    it("shows no change in a second preview", () => {
        step(p(), "preview (no change)", ["preview", "--expect-no-changes", "--diff"]);
    });
    it("gives Prometheus and Alertmanager the retention, size and replicas of the stack config", () => {
        assertSpecsFollowConfig(config);
    });
    it("keeps the generated passwords in the stack's Secrets only", () => {
        assertSecretsOnlyByReference(config.namespace);
    });
    it("has every workload it owns ready", () => {
        assertWorkloadsReady(config.namespace);
    });
    return p;
}
