/**
 * Render-to-YAML, as the README documents it: a stack with `kubernetes.renderYamlTo` writes the
 * YAML without asking any cluster (with KUBECONFIG set in the environment, as most shells have
 * it), and that directory applies to a real API server in the documented order.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { applyRendered } from "./render";
import { items, kubectl } from "./kubectl";
import { step } from "./lifecycle";
import { ok, Project } from "./pulumi";

const STACK = "prod-render";
const NAMESPACE = "monitoring-render";
const UNREACHABLE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: none, user: {token: none}}]
contexts: [{name: none, context: {cluster: none, user: none}}]
current-context: none
`;

describe("a render-to-YAML stack", () => {
    let project: Project;
    let out: string;

    before(() => {
        project = Project.derived(STACK, "prod");
        // As most shells have it, but pointing at nothing that answers: a render that asked a
        // cluster would fail here instead of passing against the tier's live API server.
        const kubeconfig = path.join(project.dir, "unreachable.kubeconfig");
        fs.writeFileSync(kubeconfig, UNREACHABLE_KUBECONFIG);
        project.extraEnv = { KUBECONFIG: kubeconfig };
        out = path.join(project.dir, "rendered");
        ok(project.pulumi(["stack", "init"]), "stack init");
        ok(project.pulumi(["config", "set", "namespace", NAMESPACE]), "config set namespace");
        project.configure({ "kubernetes.renderYamlTo": out, "mirrors.charts.kind": "local", "mirrors.charts.path": process.env.CHART_MIRROR ?? "" });
    });

    it("writes every object as YAML in one `pulumi up`, with KUBECONFIG set", () => {
        step(project, "up (render)", ["up", "--yes", "--skip-preview"]);
        assert.ok(fs.readdirSync(path.join(out, "0-crd")).length > 0, "no CRDs written");
        assert.ok(fs.readdirSync(path.join(out, "1-manifest")).length > 50, "too few manifests written");
    });

    it("shows no change in a second preview", () => {
        step(project, "preview (render, no change)", ["preview", "--expect-no-changes"]);
    });

    it("applies to a real API server with kubectl apply --server-side in the documented order", () => {
        applyRendered(out);
        assert.ok(items(["statefulsets,deployments", "-n", NAMESPACE]).length >= 4);
    });

    after(() => {
        // The prod stack that follows creates the same cluster-scoped objects.
        if (out !== undefined && fs.existsSync(path.join(out, "1-manifest"))) {
            kubectl(["delete", "--ignore-not-found", "--wait=true", "--timeout=300s", "-f", path.join(out, "1-manifest")]);
        }
    });
});
