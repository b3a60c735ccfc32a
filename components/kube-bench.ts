/**
 * KubeBench: scheduled CIS benchmark runs (aquasec/kube-bench) whose totals land in the
 * Pushgateway as kube_bench_* metrics and whose per-check results land in Loki, plus the
 * alerts on them. See builders/kube-bench/job.ts for why these are CronJobs and their limits.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MONITORING_API_VERSION } from "./builders/app-monitors";
import { benchRuns, kubeBenchCronJobSpec } from "./builders/kube-bench/job";
import { lokiFromKubeBenchPolicySpec } from "./builders/kube-bench/network-policy";
import { REPORTER_SCRIPT_NAME, reporterScript } from "./builders/kube-bench/script";
import { kubeBenchRuleGroup } from "./builders/kube-bench-rules";
import { standardLabels } from "./labels";
import type { StackConfig } from "./schema";

/** Name prefix of the CronJobs, the ServiceAccount, the ConfigMap and the PrometheusRule. */
export const KUBE_BENCH_NAME = "kube-bench";

export interface KubeBenchArgs {
    /** The validated stack config (kubeBench section, mirrors, loki.mode). */
    config: StackConfig;
    /** Namespace the jobs run in (the stack's namespace output, for ordering). */
    namespace: pulumi.Input<string>;
    /** Pushgateway base URL the totals are pushed to (builders/pushgateway-values.ts pushgatewayUrl). */
    pushgatewayUrl: string;
    /** Loki push URL (builders/endpoints.ts lokiPushUrl). */
    lokiPushUrl: string;
    /** What installs the PrometheusRule CRD: the kube-prometheus-stack chart. */
    crds: pulumi.Input<pulumi.Resource>[];
}

export class KubeBench extends pulumi.ComponentResource {
    /** Names of the CronJobs, one per role or per listed node. */
    public readonly cronJobNames: pulumi.Output<string[]>;

    constructor(name: string, args: KubeBenchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:KubeBench", name, {}, opts);
        const { config, namespace } = args;
        const labels = standardLabels(KUBE_BENCH_NAME, name, "security-benchmark");
        const metadata = (objectName: string) => ({ name: objectName, namespace, labels });

        const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata: metadata(KUBE_BENCH_NAME) }, { parent: this });
        const script = new k8s.core.v1.ConfigMap(`${name}-script`, {
            metadata: metadata(`${KUBE_BENCH_NAME}-reporter`),
            data: { [REPORTER_SCRIPT_NAME]: reporterScript() },
        }, { parent: this });
        const context = {
            config,
            pushgatewayUrl: args.pushgatewayUrl,
            lokiPushUrl: args.lokiPushUrl,
            serviceAccountName: KUBE_BENCH_NAME,
            scriptConfigMap: `${KUBE_BENCH_NAME}-reporter`,
        };
        const jobs = benchRuns(config.kubeBench).map((run) => new k8s.batch.v1.CronJob(`${name}-${run.id}`, {
            metadata: metadata(`${KUBE_BENCH_NAME}-${run.id}`),
            // Plain data from a builder; the Kubernetes API validates the shape.
            spec: kubeBenchCronJobSpec(run, context) as unknown as k8s.types.input.batch.v1.CronJobSpec,
        }, { parent: this, dependsOn: [account, script] }));
        new k8s.apiextensions.CustomResource(`${name}-rules`, {
            apiVersion: MONITORING_API_VERSION,
            kind: "PrometheusRule",
            metadata: metadata(KUBE_BENCH_NAME),
            spec: { groups: [kubeBenchRuleGroup()] },
        }, { parent: this, dependsOn: args.crds });

        if (config.protection.networkPolicies) {
            new k8s.networking.v1.NetworkPolicy(`${name}-loki-ingress`, {
                metadata: metadata(`loki-from-${KUBE_BENCH_NAME}`),
                spec: lokiFromKubeBenchPolicySpec(config.loki.mode),
            }, { parent: this });
        }

        this.cronJobNames = pulumi.all(jobs.map((j) => j.metadata.name));
        this.registerOutputs({ cronJobNames: this.cronJobNames });
    }
}
