/**
 * What interrupts real operations, each the way an operator meets it: a stack installed by hand
 * with helm and taken over, an update killed part-way, objects changed by hand, and a first
 * `pulumi up` killed at three points. Every scenario ends with the full stack, a preview that
 * changes nothing and every volume claim it started with (same uid: not deleted and recreated).
 * The README's "Operations" section gives the procedures these steps prove.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import * as YAML from "yaml";
import { kubePrometheusValues } from "../../../components/builders/kube-prometheus-values";
import { lokiValues } from "../../../components/builders/loki-values";
import { promtailValues } from "../../../components/builders/promtail-values";
import { lokiPushUrl, RELEASES } from "../../../components/builders/endpoints";
import { ADMIN_PASSWORD_VERSION_ANNOTATION } from "../../../components/builders/grafana-values";
import { stackConfig } from "../../helpers/config";
import { previousChartArgs } from "../previous-pins";
import { killWhen } from "./interrupt";
import { get, items, kubectl, waitFor } from "./kubectl";
import { assertSpecsFollowConfig, assertWorkloadsReady, plannedChanges, step } from "./lifecycle";
import { ok, Project, record, state } from "./pulumi";

const STACK = "ops";
// A namespace of its own: prod's stops at its protected namespace and claims in `monitoring`.
const NAMESPACE = "monitoring-ops";
const config = stackConfig("dev", { namespace: NAMESPACE });
const CHART_MIRROR = process.env.CHART_MIRROR ?? "";
/** The releases the current pins replaced (test/cluster/previous-charts.sh), when assembled. */
const PREVIOUS_MIRROR = process.env.CHART_MIRROR_PREVIOUS;

/** The namespace's volume claims as name=uid, sorted. */
const claims = () => items(["persistentvolumeclaims", "-n", NAMESPACE]).map((c) => `${c.metadata.name}=${c.metadata.uid}`).sort();

/** Every claim of `before` is still there with the same uid. */
function assertClaimsKept(before: string[]): void {
    const now = claims();
    assert.deepStrictEqual(before.filter((c) => !now.includes(c)), [], `volume claims lost or recreated; now: ${now.join(", ")}`);
}

function helm(args: string[]): string {
    const r = spawnSync("helm", args, { encoding: "utf8", timeout: 600_000 });
    assert.strictEqual(r.status, 0, `helm ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
}

/** `kubectl edit` as a person runs it, with sed as the editor. */
function kubectlEdit(resource: string, sedExpression: string): void {
    const r = spawnSync("kubectl", ["edit", resource, "-n", NAMESPACE], { encoding: "utf8", env: { ...process.env, EDITOR: `sed -i -e ${sedExpression.replace(/ /g, "\\ ")}` } });
    assert.strictEqual(r.status, 0, `kubectl edit ${resource}: ${r.stderr}`);
}

/**
 * The README's recovery after a killed command on a file backend: a kill while the CLI saved a
 * checkpoint can leave the checkpoint's metadata file (`<stack>.json.attrs`) empty, and every
 * command then fails with "failed to load checkpoint: EOF" (seen here); the checkpoint itself is
 * written to a temporary file and renamed, so it is whole. Then `pulumi cancel` drops the lock.
 */
function recover(project: Project): void {
    const projectName = YAML.parse(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8")).name;
    const attrs = path.join(state(), "backend", ".pulumi", "stacks", projectName, `${project.stack}.json.attrs`);
    if (fs.existsSync(attrs) && fs.statSync(attrs).size === 0) {
        fs.rmSync(attrs);
        record({ stack: project.stack, step: "empty checkpoint metadata removed after a kill" });
    }
    ok(project.pulumi(["cancel", "--yes"]), "pulumi cancel");
    // The creates the kill interrupted stay in the state as pending operations, warned about by
    // every later command, until a refresh clears them; the next `up` then applies those objects
    // again (taking over what the API server already has).
    ok(project.pulumi(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]), "pulumi refresh --clear-pending-creates");
}

function assertFullStack(project: Project, before: string[]): void {
    step(project, "preview (no change)", ["preview", "--expect-no-changes", "--diff"]);
    assertSpecsFollowConfig(config);
    assertWorkloadsReady(NAMESPACE);
    assertClaimsKept(before);
}

describe("operations: a helm-installed stack taken over, a killed update, drift, a killed first up", () => {
    let project: Project;

    before(() => {
        project = Project.derived(STACK, "dev");
        ok(project.pulumi(["stack", "init"]), "stack init");
        ok(project.pulumi(["config", "set", "namespace", NAMESPACE]), "config set namespace");
        project.configure({ "mirrors.charts.kind": "local", "mirrors.charts.path": CHART_MIRROR });
    });

    it("takes over kube-prometheus-stack, Loki and Promtail installed with helm: the CRDs helm leaves and the volume claims", () => {
        const values = path.join(project.dir, "helm-values");
        fs.mkdirSync(values, { recursive: true });
        const releases: [string, string, Record<string, unknown>][] = [
            [RELEASES.kubePrometheusStack, "kube-prometheus-stack", kubePrometheusValues(config)],
            [RELEASES.loki, "loki", lokiValues(config)],
            [RELEASES.logAgent, "promtail", promtailValues({ config, pushUrl: lokiPushUrl(NAMESPACE, config.loki.mode) })],
        ];
        for (const [release, chart, v] of releases) {
            const file = path.join(values, `${release}.json`);
            fs.writeFileSync(file, JSON.stringify(v));
            // --no-hooks: the charts' hook Jobs never finish on nodes that run no containers.
            // The releases before the pins where assembled: what a site installed by hand runs.
            helm(["install", release, path.join(PREVIOUS_MIRROR ?? CHART_MIRROR, chart), "-n", NAMESPACE, "--create-namespace", "-f", file, "--no-hooks"]);
        }
        const crds = items(["customresourcedefinitions"]).filter((c) => c.spec.group === "monitoring.coreos.com").map((c) => c.metadata.name as string);
        assert.ok(crds.length > 0, "helm installed no monitoring.coreos.com CRDs");
        // helm returns once the objects exist; the StatefulSet controller makes the claim after.
        const kept = waitFor(() => claims(), (c) => c.some((n) => n.startsWith("storage-loki-")), 180, "Loki's volume claim after helm install");

        for (const [release] of releases) {
            helm(["uninstall", release, "-n", NAMESPACE, "--no-hooks"]);
        }
        const left = items(["customresourcedefinitions"]).map((c) => c.metadata.name as string);
        assert.deepStrictEqual(crds.filter((c) => !left.includes(c)), [], "helm uninstall removed CRDs (it keeps them)");

        step(project, "up (takeover)", ["up", "--yes", "--skip-preview"]);
        assertFullStack(project, kept);
        const exported = JSON.parse(ok(project.pulumi(["stack", "export"]), "stack export").stdout);
        const provider = exported.deployment.resources.find((r: { type: string }) => r.type === "pulumi:providers:kubernetes");
        assert.strictEqual(provider?.inputs?.enablePatchForce, "true", "the provider does not apply with force");
        const crd = get(["customresourcedefinition", "prometheusrules.monitoring.coreos.com", "--show-managed-fields"]);
        const managers = (crd.metadata.managedFields as { manager: string }[]).map((m) => m.manager);
        assert.ok(managers.some((m) => m.startsWith("pulumi-kubernetes-")), `the stack did not take the CRD over: ${managers.join(", ")}`);
    });

    it("converges after an update killed while Grafana rolls out, with `pulumi cancel` and `pulumi up`", async () => {
        const kept = claims();
        project.configure({ "grafana.adminPasswordVersion": 2 });
        await killWhen(project, "up (killed during an update)", ["up", "--yes", "--skip-preview"], /Deployment metrics-chart:\S+\/grafana updating/, 1000);
        recover(project);
        step(project, "up (after a killed update)", ["up", "--yes", "--skip-preview"]);
        assertFullStack(project, kept);
        const grafana = get(["deployment", "grafana", "-n", NAMESPACE]);
        assert.strictEqual(grafana.spec.template.metadata.annotations[ADMIN_PASSWORD_VERSION_ANNOTATION], "2");
    });

    it("shows hand edits in `pulumi preview --refresh` and restores them with `pulumi up --refresh`", () => {
        const kept = claims();
        const retention = config.prometheus.retention;
        const [prometheus] = items(["prometheuses.monitoring.coreos.com", "-n", NAMESPACE]);
        kubectlEdit(`prometheus/${prometheus.metadata.name}`, `s/retention: ${retention}$/retention: 1d/`);
        assert.strictEqual(get(["prometheus", prometheus.metadata.name, "-n", NAMESPACE]).spec.retention, "1d", "the edit did not take");
        const [dashboard] = items(["configmaps", "-n", NAMESPACE, "-l", "grafana_dashboard"]);
        kubectl(["delete", "configmap", dashboard.metadata.name, "-n", NAMESPACE]);
        kubectl(["scale", "deployment", "grafana", "-n", NAMESPACE, "--replicas", "0"]);

        // Without --refresh the engine compares the program with its own state, and sees nothing.
        step(project, "preview (drift, no refresh)", ["preview", "--expect-no-changes"]);
        const planned = plannedChanges(step(project, "preview --refresh (drift)", ["preview", "--refresh", "--json"]))
            .filter((c) => c.op !== "refresh")
            .map((c) => `${c.op} ${c.type} ${c.urn.split("::").pop()}`)
            .sort();
        assert.deepStrictEqual(planned.map((c) => c.split(" ").slice(0, 2).join(" ")), [
            "create kubernetes:core/v1:ConfigMap",
            "update kubernetes:apps/v1:Deployment",
            "update kubernetes:monitoring.coreos.com/v1:Prometheus",
        ], planned.join("\n"));
        assert.ok(planned.some((c) => c.endsWith(`metrics-chart:${NAMESPACE}/grafana`)), planned.join("\n"));

        step(project, "up --refresh (drift)", ["up", "--refresh", "--yes", "--skip-preview"]);
        assert.strictEqual(get(["prometheus", prometheus.metadata.name, "-n", NAMESPACE]).spec.retention, retention);
        get(["configmap", dashboard.metadata.name, "-n", NAMESPACE]);
        assert.strictEqual(get(["deployment", "grafana", "-n", NAMESPACE]).spec.replicas, 1);
        step(project, "preview --refresh (no change after drift)", ["preview", "--refresh", "--expect-no-changes"]);
        assertFullStack(project, kept);
    });

    // With the previous releases' mirror, the stack this ends with is the one the upgrade starts from.
    it("converges after a first `pulumi up` killed while CRDs apply, inside a chart and among the program's own objects", async () => {
        step(project, "destroy", ["destroy", "--yes", "--skip-preview"]);
        project.configure({ "mirrors.charts.path": PREVIOUS_MIRROR ?? CHART_MIRROR });
        await killWhen(project, "up (killed while CRDs apply)", ["up", "--yes", "--skip-preview"], /CustomResourceDefinition \S+ creating/, 500);
        recover(project);
        // A StatefulSet the API server took just before the kill: the next create of it is where
        // a new field manager used to conflict with the first (volumeClaimTemplates, fieldRef).
        await killWhen(project, "up (killed inside the Loki chart)", ["up", "--yes", "--skip-preview"], /StatefulSet loki-chart:\S+\/loki creating/, 3000);
        recover(project);
        const kept = claims();
        await killWhen(project, "up (killed among the program's objects)", ["up", "--yes", "--skip-preview"], /(Deployment event-exporter-deployment|ConfigMap event-exporter-config) creating/, 500);
        recover(project);
        step(project, "up (after three killed updates)", ["up", "--yes", "--skip-preview"]);
        assertFullStack(project, kept);
    });

    it("upgrades from the previous chart releases to the current pins: updates only, CRDs upgraded, every claim kept", function () {
        if (PREVIOUS_MIRROR === undefined) {
            this.skip();
        }
        assertMirrorHolds(PREVIOUS_MIRROR as string, previousChartArgs());
        const kept = claims();
        project.configure({ "mirrors.charts.path": CHART_MIRROR });
        const planned = plannedChanges(step(project, "preview (chart upgrade)", ["preview", "--json"]));
        const unsafe = planned.filter((c) => c.op !== "update" && (c.op !== "create" || HOLDS_DATA.test(c.type)));
        assert.deepStrictEqual(unsafe.map((c) => `${c.op} ${c.urn.split("::").pop()}`), [], "the upgrade replaces or deletes objects");
        for (const chart of ["metrics-chart", "loki-chart", "log-agent-chart"]) {
            assert.ok(planned.some((c) => c.urn.includes(`::${chart}:`)), `the upgrade changes nothing of ${chart}`);
        }
        step(project, "up (chart upgrade)", ["up", "--yes", "--skip-preview"]);
        // The provider can record a Service as its shared watch cache held it before the update
        // (pulumi-kubernetes#3793, #3733; README: Upgrading charts); a second `up` records it again.
        step(project, "up (after the chart upgrade)", ["up", "--yes", "--skip-preview"]);
        assertFullStack(project, kept);
        assertCrdsFromChart(path.join(CHART_MIRROR, "kube-prometheus-stack", "charts", "crds", "crds"));
    });

    it("upgrades Alloy from its previous release: only the log agent's objects change, every claim kept", function () {
        if (PREVIOUS_MIRROR === undefined) {
            this.skip();
        }
        // The current charts with Alloy at its previous release: a stack that switched from
        // Promtail to Alloy before Alloy's pin moved.
        const mixed = path.join(project.dir, "mirror-previous-alloy");
        for (const chart of fs.readdirSync(CHART_MIRROR)) {
            fs.cpSync(path.join(chart === "alloy" ? PREVIOUS_MIRROR as string : CHART_MIRROR, chart), path.join(mixed, chart), { recursive: true });
        }
        project.configure({ "logAgent.kind": "alloy", "mirrors.charts.path": mixed });
        step(project, "up (Promtail to the previous Alloy)", ["up", "--yes", "--skip-preview"]);
        assertAlloyChart(mixed);
        const kept = claims();

        project.configure({ "mirrors.charts.path": CHART_MIRROR });
        const planned = plannedChanges(step(project, "preview (Alloy upgrade)", ["preview", "--json"]));
        assert.ok(planned.length > 0, "the Alloy upgrade plans no change");
        const outside = planned.filter((c) => c.op !== "update" || !c.urn.includes("::log-agent-chart:"));
        assert.deepStrictEqual(outside.map((c) => `${c.op} ${c.urn.split("::").pop()}`), [], "the Alloy upgrade changes more than the log agent's objects");
        step(project, "up (Alloy upgrade)", ["up", "--yes", "--skip-preview"]);
        assertFullStack(project, kept);
        assertAlloyChart(CHART_MIRROR);
    });
});

/** The log agent's DaemonSet runs the Alloy chart release and app version of `mirror`. */
function assertAlloyChart(mirror: string): void {
    const chart = YAML.parse(fs.readFileSync(path.join(mirror, "alloy", "Chart.yaml"), "utf8"));
    const [daemonSet] = items(["daemonsets", "-n", NAMESPACE, "-l", `app.kubernetes.io/instance=${RELEASES.logAgent}`]);
    assert.ok(daemonSet, "no log agent DaemonSet");
    const labels = daemonSet.metadata.labels ?? {};
    assert.strictEqual(labels["helm.sh/chart"], `alloy-${chart.version}`, `the log agent runs ${labels["helm.sh/chart"]}`);
    const alloy = (daemonSet.spec.template.spec.containers as { name: string; image: string }[]).find((c) => c.name === "alloy");
    assert.ok(alloy?.image.endsWith(`:${chart.appVersion}`), `the log agent runs ${alloy?.image}, not Alloy ${chart.appVersion}`);
}

/** Kinds whose replacement or deletion loses data or every object of a kind. */
const HOLDS_DATA = /:(StatefulSet|PersistentVolumeClaim|Prometheus|Alertmanager|Namespace|Secret|CustomResourceDefinition)$/;

/** Every CRD of the chart's crds folder is live at the chart's operator version. */
function assertCrdsFromChart(dir: string): void {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
        const want = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8"));
        const live = get(["customresourcedefinition", want.metadata.name]);
        assert.strictEqual(live.metadata.annotations?.[OPERATOR_VERSION], want.metadata.annotations?.[OPERATOR_VERSION], `${want.metadata.name} was not upgraded`);
    }
}

const OPERATOR_VERSION = "operator.prometheus.io/version";

/** The previous releases' mirror holds the versions PREVIOUS_CHARTS names (or re-run previous-charts.sh). */
function assertMirrorHolds(mirror: string, pins: string[]): void {
    for (const pin of pins) {
        const [name, version] = pin.split("=");
        const chart = YAML.parse(fs.readFileSync(path.join(mirror, name, "Chart.yaml"), "utf8"));
        assert.strictEqual(String(chart.version), version, `${mirror} holds ${name} ${chart.version}, not ${version}: run test/cluster/previous-charts.sh again`);
    }
}
