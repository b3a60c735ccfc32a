/**
 * The long-term metrics stack of a config, run on 127.0.0.1: the Secrets its pods read, the
 * thanos chart and kube-prometheus-stack rendered with the program's values, and the processes
 * started from what they render (thanos-processes.ts says what is rewritten and why).
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { RELEASES } from "../../../components/builders/endpoints";
import { kubePrometheusValues } from "../../../components/builders/kube-prometheus-values";
import { THANOS_OBJSTORE_SECRET, thanosObjstoreConfig } from "../../../components/builders/object-storage";
import { thanosValues } from "../../../components/builders/thanos-values";
import type { StackConfig } from "../../../components/schema";
import { CHARTS } from "../../../components/versions";
import { Daemon } from "./daemon";
import { externalLabels, HTTP_CLIENT_FILE, type PrometheusObject, prometheusThanosArgs, sidecarContainer, STORAGE_DIR } from "./operator-thanos";
import { findContainer, findObject, type K8sObject, type PodContext, renderRelease, resolveEnv, expand } from "./pod-spec";
import type { S3Credentials } from "./s3-store";
import { waitReady } from "./stack-processes";
import { localArgs, type LocalPod, srvService, startThanos } from "./thanos-processes";
import { freePort, TOOLS } from "./tools";

/** Where the thanos chart mounts the objstore Secret's key in its containers. */
const CHART_OBJSTORE_FILE = "/etc/thanos/objstore.yaml";

export interface Rendered {
    thanos: K8sObject[];
    prometheus: PrometheusObject;
    kps: K8sObject[];
}

/** Both charts rendered with the program's values for `config`. */
export function renderLongTerm(config: StackConfig): Rendered {
    const thanos = renderRelease(CHARTS.thanos, RELEASES.thanos, config.namespace, thanosValues(config));
    const kps = renderRelease(CHARTS.kubePrometheusStack, RELEASES.kubePrometheusStack, config.namespace, kubePrometheusValues(config));
    const proms = kps.filter((o) => o.kind === "Prometheus");
    if (proms.length !== 1) {
        throw new Error(`expected one Prometheus object in kube-prometheus-stack, found ${proms.length}`);
    }
    return { thanos, kps, prometheus: proms[0] as PrometheusObject };
}

/** The Secrets of the stack's namespace as the program and the site create them. */
export function namespaceSecrets(config: StackConfig, credentials: S3Credentials): PodContext["secrets"] {
    const store = config.objectStorage!;
    const ref = store.credentials;
    return {
        [THANOS_OBJSTORE_SECRET.name]: { [THANOS_OBJSTORE_SECRET.key]: thanosObjstoreConfig(store, store.buckets.metrics!) },
        [ref.name]: { [ref.accessKeyIdKey]: credentials.accessKeyId, [ref.secretAccessKeyKey]: credentials.secretAccessKey },
    };
}

/** The ConfigMaps of the stack's namespace that the site creates (the object store's CA bundle): name, key, content. */
export type ConfigMaps = Record<string, Record<string, string>>;

/**
 * The objstore file the thanos chart mounts in `containerName` (its objstoreConfig Secret, key
 * as subPath), written under `dir`. A `ca_file` in it names a path in the pod: that file is
 * looked up through the container's mounts and the pod's ConfigMap volumes in `configMaps`,
 * written under `dir`, and the copy of the objstore file names the local file instead. Only the
 * path changes, and only once the rendered mount, volume and ConfigMap key all lead to it.
 */
export function chartObjstoreFile(r: Rendered, secrets: PodContext["secrets"], dir: string, configMaps: ConfigMaps = {}, containerName = "thanos-store-gateway"): string {
    const { workload, container } = findContainer(r.thanos, containerName);
    const mount = (container.volumeMounts as K8sObject[]).find((m) => m.mountPath === CHART_OBJSTORE_FILE);
    const volume = (workload.spec.template.spec.volumes as K8sObject[]).find((v) => v.name === mount?.name);
    const content = secrets[volume?.secret?.secretName]?.[mount?.subPath];
    if (content === undefined) {
        throw new Error(`the chart mounts ${CHART_OBJSTORE_FILE} from Secret ${volume?.secret?.secretName} key ${mount?.subPath}, which the program does not create`);
    }
    const local = localCaFile(content, workload.spec.template.spec.volumes ?? [], container, configMaps, path.join(dir, containerName));
    return local === content ? writeFile(path.join(dir, "objstore.yaml"), content) : writeFile(path.join(dir, containerName, "objstore.yaml"), local);
}

/**
 * An objstore config whose `ca_file` (a path in the pod) is replaced by a local copy of that
 * file, found with configMapFile through `container`'s mounts and the pod's `volumes`; the text
 * as it is when it names no CA file.
 */
export function localCaFile(objstore: string, volumes: K8sObject[], container: K8sObject, configMaps: ConfigMaps, dir: string): string {
    const doc = YAML.parse(objstore);
    const tls = doc.config?.http_config?.tls_config;
    if (tls?.ca_file === undefined) {
        return objstore;
    }
    tls.ca_file = configMapFile(volumes, container, tls.ca_file, configMaps, dir);
    return YAML.stringify(doc);
}

/**
 * The local copy of `podPath`, a file `container` reads from a ConfigMap volume: the mount whose
 * directory holds it, that mount's volume, the volume's item for the file name (or the key of
 * that name when it lists no items), and the content from `configMaps`. Any gap is an error
 * naming it, as the kubelet would leave the pod waiting.
 */
export function configMapFile(volumes: K8sObject[], container: K8sObject, podPath: string, configMaps: ConfigMaps, dir: string): string {
    const mount = ((container.volumeMounts ?? []) as K8sObject[]).find((m) => m.subPath === undefined && path.dirname(podPath) === m.mountPath);
    if (mount === undefined) {
        throw new Error(`container ${container.name} mounts no directory holding ${podPath}: ${JSON.stringify(container.volumeMounts)}`);
    }
    const source = volumes.find((v) => v.name === mount.name)?.configMap;
    if (source === undefined) {
        throw new Error(`the pod's volume ${mount.name} for ${podPath} is not a ConfigMap`);
    }
    const file = path.basename(podPath);
    const key = source.items === undefined ? file : (source.items as K8sObject[]).find((i) => i.path === file)?.key;
    const text = key === undefined ? undefined : configMaps[source.name]?.[key];
    if (text === undefined) {
        throw new Error(`${podPath} comes from ConfigMap ${source.name} key ${key}, which the site does not create`);
    }
    return writeFile(path.join(dir, mount.name, file), text);
}

function writeFile(file: string, content: string): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o600 });
    return file;
}

/**
 * A Service a dnssrv+ endpoint names must exist, be headless (so SRV answers one record per
 * pod, which Query needs to tell replicas apart) and have the gRPC port named grpc.
 */
export function checkSrvTarget(objects: K8sObject[], target: string): string {
    const svc = srvService(target);
    if (svc === undefined) {
        throw new Error(`endpoint ${target} is not a dnssrv+_grpc._tcp Service name`);
    }
    const service = findObject(objects, "Service", svc.service);
    if (service.spec.clusterIP !== "None" || !(service.spec.ports as K8sObject[]).some((p) => p.name === "grpc")) {
        throw new Error(`Service ${svc.service} must be headless with a port named grpc: ${JSON.stringify(service.spec)}`);
    }
    return svc.service;
}

/**
 * Query's --endpoint targets as loopback addresses: the Store Gateway's headless Service (its
 * StatefulSet's serviceName) is the local Store Gateway, and a Service selecting the operator's
 * Prometheus pods is the local sidecars. Any other target is an error.
 */
export function endpointResolver(r: Rendered, storeGateway: string, sidecars: string[]): (target: string) => string[] {
    const storeService = findContainer(r.thanos, "thanos-store-gateway").workload.spec.serviceName;
    return (target) => {
        const name = checkSrvTarget([...r.thanos, ...r.kps], target);
        const selector = findObject([...r.thanos, ...r.kps], "Service", name).spec.selector ?? {};
        if (name === storeService) {
            return [storeGateway];
        }
        if (selector["operator.prometheus.io/name"] === r.prometheus.metadata.name) {
            return sidecars;
        }
        throw new Error(`Query's endpoint ${target} names Service ${name}, which fronts neither the Store Gateway nor the Prometheus pods`);
    };
}

/** Env of a rendered container as kubelet resolves it, with HOME in the test dir (no ~/.aws of this machine). */
export function containerEnv(container: K8sObject, ctx: PodContext, home: string): Record<string, string> {
    return { HOME: home, ...resolveEnv(container.env ?? [], ctx) };
}

/** The chart's command line for `containerName` with its env, localized. */
export function chartCommand(r: Rendered, containerName: string, pod: LocalPod, ctx: PodContext, home: string): { args: string[]; env: Record<string, string> } {
    const { container } = findContainer(r.thanos, containerName);
    const env = containerEnv(container, ctx, home);
    return { args: localArgs((container.args as string[]).map((a) => expand(a, env)), pod), env };
}

export interface Replica {
    pod: string;
    dataDir: string;
    prometheus: Daemon;
    sidecar: Daemon;
    grpc: number;
}

/** Where a replica keeps its files under the test's `dir`, and its TSDB in there. */
export function replicaDirs(dir: string, pod: string): { home: string; dataDir: string } {
    return { home: path.join(dir, pod), dataDir: path.join(dir, pod, "prometheus-db") };
}

/**
 * One Prometheus replica with its sidecar, as the operator runs them (blocks already in its data
 * dir). The sidecar gets its objstore config inline (OBJSTORE_CONFIG); a CA file it names is
 * localized through the sidecar's mounts and the Prometheus CR's volumes (localCaFile).
 */
export async function startReplica(r: Rendered, pod: string, dir: string, ctx: PodContext, configMaps: ConfigMaps = {}): Promise<Replica> {
    const [promPort, grpc, http] = [await freePort(), await freePort(), await freePort()];
    const { home, dataDir } = replicaDirs(dir, pod);
    const configFile = writeFile(path.join(home, "prometheus.yml"), YAML.stringify({ global: { external_labels: externalLabels(r.prometheus, pod) } }));
    // The data volume is at STORAGE_DIR in the pod: the same rewrite for Prometheus and sidecar,
    // which checks that both name the same shipper meta file.
    const promArgs = prometheusThanosArgs(r.prometheus).map((a) => a.replace(`=${STORAGE_DIR}/`, `=${dataDir}/`));
    const prometheus = new Daemon(`prometheus-${pod}`, TOOLS.prometheus, [
        `--config.file=${configFile}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${promPort}`, ...promArgs,
    ], path.join(home, "prometheus.log"));
    await waitReady(prometheus, `http://127.0.0.1:${promPort}/-/ready`);
    try {
        const sc = sidecarContainer(r.prometheus);
        const env = containerEnv({ env: sc.env }, { ...ctx, fields: { "metadata.name": pod } }, home);
        if (env.OBJSTORE_CONFIG !== undefined) {
            env.OBJSTORE_CONFIG = localCaFile(env.OBJSTORE_CONFIG, r.prometheus.spec.volumes ?? [], { name: "thanos-sidecar", volumeMounts: sc.volumeMounts }, configMaps, home);
        }
        const files = { [HTTP_CLIENT_FILE.path]: writeFile(path.join(home, "http-client.yaml"), HTTP_CLIENT_FILE.content) };
        const args = localArgs(sc.args.map((a) => expand(a, env)), { grpc, http, dataDir, files, prometheusUrl: `http://127.0.0.1:${promPort}/` });
        const sidecar = await startThanos(`sidecar-${pod}`, args, env, home, http);
        return { pod, dataDir, prometheus, sidecar, grpc };
    } catch (error) {
        // The caller only learns of Prometheus with the sidecar: stop it here, or it outlives the run.
        await prometheus.stop();
        throw error;
    }
}
