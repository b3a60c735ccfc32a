/**
 * A stack naming what the cluster does not have fails in its preview, naming the config key,
 * the missing object and how to provide it, and its `up` creates nothing; instead of volume
 * claims and certificates that wait out Pulumi's 10-minute timeouts.
 */
import * as assert from "assert";
import { kubectl } from "./kubectl";
import { ok, Project } from "./pulumi";

const STACK = "prod-missing";
const NAMESPACE = "monitoring-missing";

describe("a stack whose cluster lacks a StorageClass and a ClusterIssuer it names", () => {
    let project: Project;

    before(() => {
        project = Project.derived(STACK, "prod");
        ok(project.pulumi(["stack", "init"]), "stack init");
        ok(project.pulumi(["config", "set", "namespace", NAMESPACE]), "config set namespace");
        project.configure({
            "mirrors.charts.kind": "local",
            "mirrors.charts.path": process.env.CHART_MIRROR ?? "",
            "storage.className": "no-such-class",
            "cluster.certManager.issuer.name": "no-such-issuer",
        });
    });

    it("fails the preview naming each key, missing object and remedy", () => {
        const r = project.pulumi(["preview"]);
        const out = r.stdout + r.stderr;
        assert.notStrictEqual(r.status, 0, "the preview passed");
        assert.match(out, /prerequisite storage\.className: StorageClass "no-such-class" must exist \(create it, or name one that `kubectl get storageclass` lists\)/);
        assert.match(out, /prerequisite cluster\.certManager\.issuer: ClusterIssuer "no-such-issuer" must exist/);
        assert.match(out, /resource 'no-such-class' does not exist/);
    });

    it("creates nothing in `pulumi up`, not even the namespace", () => {
        const r = project.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notStrictEqual(r.status, 0, "up passed");
        assert.ok(!kubectl(["get", "namespaces", "-o", "name"]).split("\n").includes(`namespace/${NAMESPACE}`), `namespace ${NAMESPACE} was created`);
        const exported = JSON.parse(ok(project.pulumi(["stack", "export"]), "stack export").stdout);
        const created = (exported.deployment.resources ?? []).filter((res: { type: string; external?: boolean }) =>
            res.type.startsWith("kubernetes:") && res.external !== true);
        assert.deepStrictEqual(created.map((res: { urn: string }) => res.urn), []);
    });
});
