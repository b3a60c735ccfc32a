/**
 * Under mocks a v4 Chart is one resource with its values and no children. For the mock tier,
 * these build stand-ins for the few objects the pack guards, straight from the values paths the
 * charts copy verbatim (kube-prometheus-stack templates/prometheus/prometheus.yaml,
 * alertmanager/alertmanager.yaml and secret.yaml, grafana's deployment volumes; the loki
 * chart's config.yaml sections; the thanos chart's compactor), and the NetworkPolicies and Ingress of chart-network.ts. `npm run test:render` checks the real rendered objects.
 */
import * as YAML from "yaml";
import { kubePrometheusStackNetwork } from "./chart-network";
import type { PolicyObject } from "./harness";

type Values = Record<string, any>;

const CHART = "kubernetes:helm.sh/v4:Chart";

/** appVersion of the grafana subchart of kube-prometheus-stack 88.5.3 (grafana 12.11.1). */
const GRAFANA_APP_VERSION = "13.2.0";

function object(chart: PolicyObject, type: string, kind: string, name: string, rest: Values): PolicyObject {
    const [group, version] = type.split(":")[1].split("/");
    const apiVersion = group === "core" ? version : `${group}/${version}`;
    const namespace = chart.props.namespace;
    return { type, name: `${chart.name}:${namespace}/${name}`, props: { apiVersion, kind, metadata: { name, namespace }, ...rest } };
}

/** An operator CR's spec from the chart's *Spec values: storageSpec (Prometheus) becomes storage. */
function operatorSpec(spec: Values = {}): Values {
    const { storageSpec, ...rest } = spec;
    return storageSpec === undefined ? rest : { ...rest, storage: storageSpec };
}

function kubePrometheusStack(chart: PolicyObject): PolicyObject[] {
    const v: Values = chart.props.values ?? {};
    const full = v.fullnameOverride ?? `${chart.props.name}-kube-prometheus-stack`;
    const out: PolicyObject[] = [
        object(chart, "kubernetes:monitoring.coreos.com/v1:Prometheus", "Prometheus", `${full}-prometheus`, { spec: operatorSpec(v.prometheus?.prometheusSpec) }),
        object(chart, "kubernetes:monitoring.coreos.com/v1:Alertmanager", "Alertmanager", `${full}-alertmanager`, { spec: operatorSpec(v.alertmanager?.alertmanagerSpec) }),
    ];
    const pdbs: [string, Values][] = [
        ["prometheus", { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": `${full}-prometheus` }],
        ["alertmanager", { "app.kubernetes.io/name": "alertmanager", alertmanager: `${full}-alertmanager` }],
    ];
    for (const [component, matchLabels] of pdbs) {
        const pdb = v[component]?.podDisruptionBudget;
        if (pdb?.enabled === true) {
            const { enabled: _e, ...spec } = pdb;
            out.push(object(chart, "kubernetes:policy/v1:PodDisruptionBudget", "PodDisruptionBudget", `${full}-${component}`, { spec: { ...spec, selector: { matchLabels } } }));
        }
    }
    if (v.alertmanager?.config !== undefined) {
        const data = { "alertmanager.yaml": Buffer.from(YAML.stringify(v.alertmanager.config)).toString("base64") };
        out.push(object(chart, "kubernetes:core/v1:Secret", "Secret", `alertmanager-${full}-alertmanager`, { data }));
    }
    out.push(grafanaDeployment(chart, v.grafana ?? {}));
    out.push(...kubePrometheusStackNetwork((type, kind, name, rest) => object(chart, type, kind, name, rest), v, full, chart.props.name));
    return out;
}

/** The grafana subchart's data volume and admin password wiring, reduced to what the pack reads. */
function grafanaDeployment(chart: PolicyObject, g: Values): PolicyObject {
    const name = g.fullnameOverride ?? "grafana";
    const persistence = g.persistence ?? {};
    const storage = persistence.enabled === true ? { persistentVolumeClaim: { claimName: persistence.existingClaim ?? name } } : { emptyDir: {} };
    const secret = g.admin?.existingSecret ?? name;
    const env = [{ name: "GF_SECURITY_ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: secret, key: g.admin?.passwordKey ?? "admin-password" } } }];
    // The grafana chart's selector labels: its name and the release as instance.
    const labels = { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": chart.props.name };
    // The grafana chart defaults image.tag to its appVersion, so an unset tag is still pinned.
    const image = `${g.image?.registry ?? "docker.io"}/${g.image?.repository ?? "grafana/grafana"}:${g.image?.tag ?? GRAFANA_APP_VERSION}`;
    const container = { name: "grafana", image, env, resources: g.resources };
    return object(chart, "kubernetes:apps/v1:Deployment", "Deployment", name, {
        spec: { template: { metadata: { labels }, spec: { containers: [container], volumes: [{ name: "storage", ...storage }] } } },
    });
}

function loki(chart: PolicyObject): PolicyObject[] {
    const l: Values = chart.props.values?.loki ?? {};
    const config = { limits_config: l.limits_config ?? {}, compactor: l.compactor ?? {}, schema_config: l.schemaConfig ?? {} };
    const name = chart.props.values?.fullnameOverride ?? chart.props.name;
    return [object(chart, "kubernetes:core/v1:ConfigMap", "ConfigMap", name, { data: { "config.yaml": YAML.stringify(config) } })];
}

/**
 * The thanos chart's compactor (templates/compact/statefulset.yaml): always one replica, the
 * image from `image`, args `compact`, the chart's own flags, then `compact.extraArgs`, which is
 * where the program puts the retention flags; its env and resources from `compact.*`.
 */
function thanos(chart: PolicyObject): PolicyObject[] {
    const v: Values = chart.props.values ?? {};
    if (v.compact?.enabled !== true) {
        return [];
    }
    const name = `${v.fullnameOverride ?? chart.props.name}-compact`;
    const container = { name: "thanos-compact", image: `${v.image?.repository}:${v.image?.tag}`, env: v.compact.extraEnv ?? [], args: ["compact", "--wait", ...(v.compact.extraArgs ?? [])], resources: v.compact.resources };
    return [object(chart, "kubernetes:apps/v1:StatefulSet", "StatefulSet", name, { spec: { replicas: 1, template: { spec: { containers: [container] } } } })];
}

/** Stand-ins for the guarded objects of every Chart the program registered. */
export function chartStandIns(objects: PolicyObject[]): PolicyObject[] {
    return objects.filter((o) => o.type === CHART).flatMap((chart) => {
        switch (chart.props.chart?.split("/").pop()) {
            case "kube-prometheus-stack":
                return kubePrometheusStack(chart);
            case "loki":
                return loki(chart);
            case "thanos":
                return thanos(chart);
            default:
                return [];
        }
    });
}
