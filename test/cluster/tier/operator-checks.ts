/**
 * What the real Prometheus Operator makes of a deployed stack (operator.ts runs it): the
 * StatefulSets carry the stack config, the Prometheus configuration it generates passes
 * promtool of the version the chart runs, and it accepts the Alertmanager configuration.
 * Expected values come from the program's own builders, as lifecycle.ts reads them.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { spawnSync } from "child_process";
import { e2eTools } from "../../../components/chart-apps";
import { alertmanagerConfig } from "../../../components/builders/alertmanager-config";
import { kubePrometheusValues } from "../../../components/builders/kube-prometheus-values";
import type { StackConfig } from "../../../components/config";
import { get, items, kubectl, Obj, secretData, waitFor } from "./kubectl";
import { generatedConfig, referencedFiles, RunningOperator, unmountedFiles, waitReconciled } from "./operator";
import { state } from "./pulumi";
import { prometheusThanosArgs, PrometheusObject, sidecarContainer } from "../../e2e/helpers/operator-thanos";
import { referencedSecretKeys, remoteWriteConfig, type RemoteWriteSpec } from "../../e2e/helpers/operator-remote-write";

const TOOLS = e2eTools();

/** The volume claim fields the program sets, as the operator's StatefulSet carries them. */
function claimFields(spec: Obj): Obj {
    return { accessModes: spec.accessModes, storage: spec.resources?.requests?.storage, storageClassName: spec.storageClassName };
}

/** The one StatefulSet the operator generated for a custom resource (owner reference). */
function ownedStatefulSet(namespace: string, kind: string, name: string): Obj {
    const owned = items(["statefulsets", "-n", namespace]).filter((s) =>
        (s.metadata.ownerReferences as Obj[] | undefined)?.some((o) => o.kind === kind && o.name === name));
    assert.strictEqual(owned.length, 1, `StatefulSets owned by ${kind} ${name}: ${owned.map((s) => s.metadata.name).join(", ")}`);
    return owned[0];
}

function assertClaimTemplate(sts: Obj, want: Obj, what: string): void {
    const templates = sts.spec.volumeClaimTemplates as Obj[];
    assert.strictEqual(templates?.length, 1, `${what}: volume claim templates ${JSON.stringify(templates)}`);
    assert.deepStrictEqual(claimFields(templates[0].spec), claimFields(want), `${what}: volume claim template`);
}

/**
 * `it` blocks, in the calling `describe`, for a stack already up in `namespace`: start the
 * operator, check what it generates, stop it (and wait for the claims its StatefulSets ask
 * for, so later steps see a settled namespace).
 */
export function operatorReconciles(namespace: string, config: StackConfig): void {
    const values = kubePrometheusValues(config) as Obj;
    const want = { prometheus: values.prometheus.prometheusSpec as Obj, alertmanager: values.alertmanager.alertmanagerSpec as Obj };
    let operator: RunningOperator | undefined;
    let prometheus: Obj;
    let alertmanager: Obj;
    const release = TOOLS.prometheusOperator.release;
    /** The Prometheus configuration the operator generated (its Secret prometheus-<name>). */
    const prometheusConfig = () => generatedConfig(namespace, `prometheus-${prometheus.metadata.name}`, "prometheus.yaml.gz");
    const remoteWriteSpecs = () => (prometheus.spec.remoteWrite ?? []) as RemoteWriteSpec[];

    it(`is reconciled by the Prometheus Operator ${release} run against it: Prometheus and Alertmanager report Reconciled`, () => {
        operator = RunningOperator.start(namespace);
        [prometheus] = waitReconciled("prometheuses.monitoring.coreos.com", namespace, 180, operator);
        [alertmanager] = waitReconciled("alertmanagers.monitoring.coreos.com", namespace, 180, operator);
    });

    it("generates a Prometheus StatefulSet with the replicas, volume claim template and volume retention of the stack config", () => {
        const sts = ownedStatefulSet(namespace, "Prometheus", prometheus.metadata.name);
        assert.strictEqual(sts.spec.replicas, want.prometheus.replicas, "replicas");
        assertClaimTemplate(sts, want.prometheus.storageSpec.volumeClaimTemplate.spec, "Prometheus");
        assert.deepStrictEqual(sts.spec.persistentVolumeClaimRetentionPolicy, want.prometheus.persistentVolumeClaimRetentionPolicy);
    });

    it(`writes retention and retentionSize into the Prometheus configuration it generates, which promtool ${TOOLS.prometheus.release} accepts`, () => {
        const name = prometheus.metadata.name;
        const { text, doc } = prometheusConfig();
        // From Prometheus 3.11 on, the operator puts retention into the config file instead of
        // the --storage.tsdb.retention.* flags (pkg/prometheus/server/statefulset.go).
        assert.deepStrictEqual(doc.storage?.tsdb?.retention, { time: want.prometheus.retention, size: want.prometheus.retentionSize });
        const sd = (doc.scrape_configs as Obj[]).filter((s) => s.kubernetes_sd_configs !== undefined);
        assert.ok(sd.length > 0, "no scrape config with kubernetes_sd_configs: the check below would not cover them");
        const file = path.join(state(), "prometheus-generated.yaml");
        fs.writeFileSync(file, text);
        // --syntax-only: the files the config reads are in the pod, not here; the test below
        // checks that the pod mounts each of them.
        const r = spawnSync("promtool", ["check", "config", "--syntax-only", file], { encoding: "utf8", timeout: 60_000 });
        assert.strictEqual(r.status, 0, `promtool check config: ${r.stdout}${r.stderr}`);
        const sts = ownedStatefulSet(namespace, "Prometheus", name);
        assert.deepStrictEqual(unmountedFiles(referencedFiles(doc), sts.spec.template.spec, "prometheus"), [], "files the config reads that the pod does not mount");
    });

    it("generates an Alertmanager StatefulSet with the replicas, retention, volume claim template and mounted Secrets of the stack config", () => {
        const sts = ownedStatefulSet(namespace, "Alertmanager", alertmanager.metadata.name);
        assert.strictEqual(sts.spec.replicas, want.alertmanager.replicas, "replicas");
        assertClaimTemplate(sts, want.alertmanager.storage.volumeClaimTemplate.spec, "Alertmanager");
        const pod = sts.spec.template.spec;
        const container = (pod.containers as Obj[]).find((c) => c.name === "alertmanager");
        assert.ok(container, "no alertmanager container");
        assert.ok((container.args as string[]).includes(`--data.retention=${want.alertmanager.retention}`), `args: ${container?.args}`);
        const mounted = (pod.volumes as Obj[]).filter((v) => v.secret !== undefined).map((v) => v.secret.secretName as string);
        for (const secret of want.alertmanager.secrets as string[]) {
            assert.ok(mounted.includes(secret), `Secret ${secret} is not mounted; mounted: ${mounted.join(", ")}`);
        }
    });

    if (config.prometheus.longTerm.enabled) {
        it("adds the Thanos sidecar the e2e tier models: its args, env and the CA's mount, Prometheus' delayed compaction, the keys by secretKeyRef only", () => {
            const sts = ownedStatefulSet(namespace, "Prometheus", prometheus.metadata.name);
            const containers = sts.spec.template.spec.containers as Obj[];
            const sidecar = containers.find((c) => c.name === "thanos-sidecar");
            assert.ok(sidecar, `no thanos-sidecar container: ${containers.map((c) => c.name).join(", ")}`);
            // The live Prometheus object is what the operator read; the e2e tier runs the sidecar
            // with the args and env this model derives from it, so they must be the operator's.
            const model = sidecarContainer(prometheus as PrometheusObject);
            assert.deepStrictEqual(sidecar.args, model.args, "sidecar args");
            assert.deepStrictEqual(sidecar.env, model.env, "sidecar env");
            for (const e of sidecar.env as Obj[]) {
                assert.strictEqual(e.value, undefined, `${e.name} is a literal`);
            }
            // The object store's CA: the mounts of the spec.containers entry, merged by the operator, and their volumes.
            assert.strictEqual(model.volumeMounts.length > 0, config.objectStorage?.caBundle !== undefined, `the sidecar's modelled mounts: ${JSON.stringify(model.volumeMounts)}`);
            for (const mount of model.volumeMounts) {
                assert.ok((sidecar.volumeMounts as Obj[]).some((m) => isDeepStrictEqual(m, mount)), `the sidecar lacks ${JSON.stringify(mount)}: ${JSON.stringify(sidecar.volumeMounts)}`);
            }
            for (const volume of (prometheus.spec.volumes ?? []) as Obj[]) {
                // The API server adds configMap.defaultMode to the StatefulSet's copy.
                const live = (sts.spec.template.spec.volumes as Obj[]).find((v) => v.name === volume.name);
                assert.deepStrictEqual({ name: live?.configMap?.name, items: live?.configMap?.items }, { name: volume.configMap?.name, items: volume.configMap?.items }, `the pod's volume ${volume.name}`);
            }
            const server = containers.find((c) => c.name === "prometheus");
            for (const arg of prometheusThanosArgs(prometheus as PrometheusObject)) {
                assert.ok((server?.args as string[]).includes(arg), `prometheus args lack ${arg}: ${server?.args}`);
            }
        });
    }

    if (config.prometheus.remoteWrite.length > 0) {
        it("writes remote_write as the e2e tier models it, with the credentials read from the referenced Secret", () => {
            const specs = remoteWriteSpecs();
            const secrets = Object.fromEntries(referencedSecretKeys(specs).map((r) => r.name).map((name) => [name, secretData(get(["secret", name, "-n", namespace]))]));
            const { doc } = prometheusConfig();
            // The e2e tier runs Prometheus with this model's remote_write, so it must be the operator's.
            assert.deepStrictEqual(doc.remote_write, remoteWriteConfig(specs, secrets));
            for (const ref of referencedSecretKeys(specs)) {
                assert.ok(!JSON.stringify(prometheus).includes(secrets[ref.name][ref.key]), `the Prometheus object holds the value of ${ref.name}/${ref.key}`);
            }
        });

        it("follows a password rotated in the referenced Secret: the generated configuration changes with no `up`", () => {
            const ref = remoteWriteSpecs().find((s) => s.basicAuth !== undefined)?.basicAuth?.password;
            assert.ok(ref, "no remote write target with basic auth to rotate");
            const rotated = randomBytes(24).toString("hex");
            kubectl(["patch", "secret", ref.name, "-n", namespace, "--type=merge", "-p", JSON.stringify({ stringData: { [ref.key]: rotated } })]);
            // Only whether it arrived is printed: the configuration holds the credentials.
            waitFor(() => JSON.stringify(prometheusConfig().doc.remote_write ?? null).includes(rotated),
                (arrived) => arrived, 60, "rotated password in the generated configuration");
        });
    }

    it("accepts the Alertmanager configuration Secret: the generated configuration keeps its receivers, and reads only mounted files", () => {
        const name = alertmanager.metadata.name;
        const { doc } = generatedConfig(namespace, `alertmanager-${name}-generated`, "alertmanager.yaml.gz");
        const receivers = (cfg: Obj) => (cfg.receivers as Obj[]).map((r) => r.name as string).sort();
        assert.deepStrictEqual(receivers(doc), receivers(alertmanagerConfig(config) as Obj));
        const files = referencedFiles(doc);
        assert.ok(files.length > 0, "the generated configuration reads no file: the Secrets are not used by reference");
        const sts = ownedStatefulSet(namespace, "Alertmanager", name);
        assert.deepStrictEqual(unmountedFiles(files, sts.spec.template.spec, "alertmanager"), [], "files the config reads that the pod does not mount");
    });

    it("stops the operator, with the claims of its StatefulSets created", async () => {
        // A claim is <template>-<pod>, and pod i of StatefulSet s is <s>-<i>.
        const wanted = [ownedStatefulSet(namespace, "Prometheus", prometheus.metadata.name), ownedStatefulSet(namespace, "Alertmanager", alertmanager.metadata.name)]
            .flatMap((s) => (s.spec.volumeClaimTemplates as Obj[]).flatMap((t) =>
                Array.from({ length: s.spec.replicas as number }, (_, i) => `${t.metadata.name}-${s.metadata.name}-${i}`)));
        const claims = () => items(["persistentvolumeclaims", "-n", namespace]).map((c) => c.metadata.name as string);
        waitFor(claims, (names) => wanted.every((w) => names.includes(w)), 120, `the claims ${wanted.join(", ")}`);
        await operator?.stop();
        assert.strictEqual(operator?.running, false);
    });

    after(async () => {
        await operator?.stop();
    });
}
