/**
 * Catches wrong value paths: Helm ignores a key a chart does not read, so a typo such as
 * `prometheusSpec.retension` renders without error and silently changes nothing. A key the
 * program sets is known when the chart's values.yaml (or a subchart's) has it, or, for keys the
 * chart documents only in comments, when the chart's templates mention it. The check needs the
 * chart's files, so it runs against a CHART_MIRROR directory.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { isTree } from "../../components/config-issues";

type Tree = Record<string, unknown>;

/**
 * Subtrees that are documents of their own, not chart settings: their keys belong to Prometheus,
 * Alertmanager, Grafana, Loki or Kubernetes, which the chart passes through untouched.
 */
const FREE_FORM: Record<string, string[]> = {
    "kube-prometheus-stack": ["alertmanager.config", "grafana.grafana\\.ini"],
    loki: ["loki.limits_config", "loki.rulerConfig", "loki.compactor", "loki.storage_config", "loki.schemaConfig", "loki.server"],
    promtail: ["config.file", "containerSecurityContext", "podSecurityContext"],
    alloy: ["alloy.configMap.content", "alloy.securityContext", "controller.podSecurityContext"],
};

/** Keys whose value is a Kubernetes object a chart passes through with toYaml. */
const KUBERNETES_PASS_THROUGH = new Set([
    "resources", "securityContext", "podSecurityContext", "containerSecurityContext", "affinity",
    "nodeSelector", "tolerations", "annotations", "labels", "podAnnotations", "podLabels",
]);


function templatesText(chartDir: string): string {
    const dir = path.join(chartDir, "templates");
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [];
    return files
        .filter((f) => /\.(ya?ml|tpl|txt)$/.test(f))
        .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
        .join("\n");
}

function valuesOf(chartDir: string): Tree {
    const file = path.join(chartDir, "values.yaml");
    return fs.existsSync(file) ? (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) : {};
}

/** Keys under `ours` that neither `theirs` nor the templates know, as dotted paths. */
function unknownKeys(ours: Tree, theirs: unknown, templates: string, prefix: string, freeForm: Set<string>): string[] {
    const out: string[] = [];
    for (const [key, value] of Object.entries(ours)) {
        const dotted = prefix === "" ? key.replace(/\./g, "\\.") : `${prefix}.${key.replace(/\./g, "\\.")}`;
        if (freeForm.has(dotted) || (KUBERNETES_PASS_THROUGH.has(prefix.split(".").pop() ?? "") && prefix !== "")) {
            continue;
        }
        const known = isTree(theirs) ? theirs[key] : undefined;
        if (known === undefined && !(isTree(theirs) && key in theirs) && !templates.includes(`.${key}`)) {
            out.push(dotted);
            continue;
        }
        // An empty map or a scalar in values.yaml takes whatever is given below it.
        if (isTree(value) && isTree(known) && Object.keys(known).length > 0) {
            out.push(...unknownKeys(value, known, templates, dotted, freeForm));
        }
    }
    return out;
}

/** Value paths the chart in `chartDir` would ignore. Subcharts are checked against their own files. */
export function ignoredValuePaths(chartDir: string, values: Tree): string[] {
    const chartName = path.basename(chartDir);
    const freeForm = new Set(FREE_FORM[chartName] ?? []);
    const parent = valuesOf(chartDir);
    const templates = templatesText(chartDir);
    const out: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        const sub = path.join(chartDir, "charts", key);
        if (fs.existsSync(path.join(sub, "Chart.yaml")) && isTree(value)) {
            const known = { ...valuesOf(sub), ...(isTree(parent[key]) ? parent[key] : {}) };
            out.push(...unknownKeys(value, known, `${templatesText(sub)}\n${templates}`, key, freeForm));
        } else {
            out.push(...unknownKeys({ [key]: value }, parent, templates, "", freeForm));
        }
    }
    return out;
}
