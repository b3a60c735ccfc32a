/**
 * The kube-bench CronJobs: which runs exist and their specs.
 *
 * Why CronJobs and not a DaemonSet: a DaemonSet would keep hostPID and host mounts open on every
 * node all day for a check that takes seconds once a day, and has no schedule of its own. The
 * price: a CronJob starts one pod, so a per-role CronJob audits ONE node of that role per run
 * (the scheduler's pick; over days it tends to visit others, but nothing guarantees it). To cover
 * every node, list them in `kubeBench.nodes`: one CronJob per node, pinned by node name. A
 * parallel Job with pod anti-affinity was rejected: it needs the node count up front and leaves
 * pods Pending when nodes go away.
 */
import type { KubeBenchConfig } from "../../schema/extras";
import type { StackConfig } from "../../schema";
import { IMAGES } from "../../versions";
import { imageString, mirroredImage, podPullSecrets } from "../images";
import { resourceValues } from "../resources";
import { cronJobSpec } from "../cron-jobs";
import { KUBE_BENCH_POD_LABELS } from "./network-policy";
import { REPORTER_ENV, REPORTER_SCRIPT_NAME } from "./script";

export type BenchRole = "control-plane" | "worker";

/** One scheduled run: a role, optionally pinned to one node. */
export interface BenchRun {
    /** Suffix of the CronJob name: the role, or `node-<name>`. */
    id: string;
    role: BenchRole;
    node?: string;
}

/** kube-bench writes here (--outputfile); the reporter reads it. */
const RESULTS_DIR = "/results";
const RESULTS_FILE = `${RESULTS_DIR}/kube-bench.json`;
const SCRIPTS_DIR = "/scripts";
const CONTROL_PLANE_LABELS = ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"];

/**
 * Host paths kube-bench audits, all mounted read-only: the list of upstream's job.yaml and
 * job-master.yaml (v0.15.6) without /usr/bin (only used to find kubectl/kubelet for version
 * detection, which goes through the API server's /version instead). /etc/passwd and /etc/group
 * let `stat -c %U:%G` name the host's owners (etcd:etcd checks).
 */
export const HOST_PATHS: { name: string; path: string; type?: string }[] = [
    { name: "etc-kubernetes", path: "/etc/kubernetes" },
    { name: "var-lib-kubelet", path: "/var/lib/kubelet" },
    { name: "var-lib-etcd", path: "/var/lib/etcd" },
    { name: "var-lib-kube-scheduler", path: "/var/lib/kube-scheduler" },
    { name: "var-lib-kube-controller-manager", path: "/var/lib/kube-controller-manager" },
    { name: "var-lib-cni", path: "/var/lib/cni" },
    { name: "etc-systemd", path: "/etc/systemd" },
    { name: "lib-systemd", path: "/lib/systemd" },
    { name: "srv-kubernetes", path: "/srv/kubernetes" },
    { name: "etc-cni-netd", path: "/etc/cni/net.d" },
    { name: "opt-cni-bin", path: "/opt/cni/bin" },
    { name: "etc-passwd", path: "/etc/passwd", type: "File" },
    { name: "etc-group", path: "/etc/group", type: "File" },
];

/** The runs the config asks for: one per listed node, else one per enabled role. */
export function benchRuns(k: KubeBenchConfig): BenchRun[] {
    if (k.nodes.length > 0) {
        // kube-bench-node-<35 characters>: 51, within a CronJob name's 52 (the schema keeps them unique).
        return k.nodes.map((n) => ({ id: `node-${n.name.slice(0, 35)}`.replace(/[.-]+$/, ""), role: n.role, node: n.name }));
    }
    return [
        ...(k.controlPlane ? [{ id: "control-plane", role: "control-plane" as const }] : []),
        ...(k.workers ? [{ id: "worker", role: "worker" as const }] : []),
    ];
}

/** Where a run may be scheduled: its node, or any node of its role. */
export function runPlacement(run: BenchRun): Record<string, unknown> {
    const terms = run.node !== undefined
        ? [{ matchFields: [{ key: "metadata.name", operator: "In", values: [run.node] }] }]
        : run.role === "control-plane"
            ? CONTROL_PLANE_LABELS.map((key) => ({ matchExpressions: [{ key, operator: "Exists" }] }))
            : [{ matchExpressions: CONTROL_PLANE_LABELS.map((key) => ({ key, operator: "DoesNotExist" })) }];
    return {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
        // Control-plane nodes carry NoSchedule taints (kubeadm); a pinned node may be one.
        ...(run.role === "control-plane" ? { tolerations: CONTROL_PLANE_LABELS.map((key) => ({ key, operator: "Exists", effect: "NoSchedule" })) } : {}),
    };
}

/** What the job spec needs besides the config. */
export interface BenchJobContext {
    config: StackConfig;
    serviceAccountName: string;
    scriptConfigMap: string;
    pushgatewayUrl: string;
    lokiPushUrl: string;
}

/** The CronJob spec of one run. */
export function kubeBenchCronJobSpec(run: BenchRun, ctx: BenchJobContext): Record<string, unknown> {
    const k = ctx.config.kubeBench;
    return cronJobSpec({
        schedule: k.schedule,
        backoffLimit: 1,
        // An audit takes seconds; 15 minutes means it hangs.
        activeDeadlineSeconds: 900,
        podLabels: { ...KUBE_BENCH_POD_LABELS, "app.kubernetes.io/component": run.id },
        podSpec: podSpec(run, ctx),
    });
}

function podSpec(run: BenchRun, ctx: BenchJobContext): Record<string, unknown> {
    return {
        // kube-bench finds the kubelet, API server and etcd processes and their flags with `ps`.
        hostPID: true,
        restartPolicy: "Never",
        serviceAccountName: ctx.serviceAccountName,
        // Its token only reaches GET /version (system:public-info-viewer): no RBAC is granted.
        automountServiceAccountToken: true,
        ...podPullSecrets(ctx.config.mirrors),
        securityContext: { seccompProfile: { type: "RuntimeDefault" } },
        ...runPlacement(run),
        initContainers: [kubeBenchContainer(ctx.config)],
        containers: [reporterContainer(run, ctx)],
        volumes: [
            { name: "results", emptyDir: { sizeLimit: "16Mi" } },
            { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
            { name: "scripts", configMap: { name: ctx.scriptConfigMap } },
            ...HOST_PATHS.map((h) => ({ name: h.name, hostPath: { path: h.path, ...(h.type === undefined ? {} : { type: h.type }) } })),
        ],
    };
}

function kubeBenchContainer(config: StackConfig): Record<string, unknown> {
    const k = config.kubeBench;
    return {
        name: "kube-bench",
        image: imageString(mirroredImage(IMAGES.kubeBench, config.mirrors)),
        // The root command auto-detects the targets (master, controlplane, etcd, node, policies).
        command: ["kube-bench", "--json", "--outputfile", RESULTS_FILE, ...(k.benchmark === undefined ? [] : ["--benchmark", k.benchmark])],
        resources: resourceValues(k.resources),
        // Root: the audited files are root-owned and often 0600. DAC_READ_SEARCH is the one
        // capability kept, to read files another owner keeps private (etcd data on some distros);
        // every host mount is read-only and nothing else is allowed.
        securityContext: {
            runAsUser: 0,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"], add: ["DAC_READ_SEARCH"] },
        },
        volumeMounts: [
            { name: "results", mountPath: RESULTS_DIR },
            // glog writes its log files to the temp directory.
            { name: "tmp", mountPath: "/tmp" },
            ...HOST_PATHS.map((h) => ({ name: h.name, mountPath: h.path, readOnly: true })),
        ],
    };
}

function reporterContainer(run: BenchRun, ctx: BenchJobContext): Record<string, unknown> {
    return {
        name: "report",
        image: imageString(mirroredImage(IMAGES.node, ctx.config.mirrors)),
        command: ["node", `${SCRIPTS_DIR}/${REPORTER_SCRIPT_NAME}`],
        env: [
            { name: REPORTER_ENV.results, value: RESULTS_FILE },
            { name: REPORTER_ENV.node, valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            { name: REPORTER_ENV.role, value: run.role },
            { name: REPORTER_ENV.pushgateway, value: ctx.pushgatewayUrl },
            { name: REPORTER_ENV.loki, value: ctx.lokiPushUrl },
        ],
        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
        // The node image's `node` user (uid 1000); nothing on the host is mounted here.
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [
            { name: "results", mountPath: RESULTS_DIR, readOnly: true },
            { name: "scripts", mountPath: SCRIPTS_DIR, readOnly: true },
        ],
    };
}
