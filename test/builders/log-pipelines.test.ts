import * as assert from "assert";
import {
    appLabelRule,
    appStreamSelector,
    auditRelabelRules,
    podLabelMeta,
    podRelabelRules,
    regexEscape,
} from "../../components/builders/log-pipelines";
import type { AppConfig } from "../../components/schema";
import { stackConfig } from "../helpers/config";

const app = (over: Partial<AppConfig>): AppConfig => ({ ...stackConfig("dev").apps[0], ...over });

/** Applies relabel rules the way Prometheus, Promtail and Alloy do (anchored regex, ";" joins). */
function relabel(rules: ReturnType<typeof podRelabelRules>, labels: Record<string, string>): Record<string, string> | undefined {
    const out = { ...labels };
    for (const r of rules) {
        const value = (r.sourceLabels ?? []).map((l) => out[l] ?? "").join(r.separator ?? ";");
        const match = new RegExp(`^(?:${r.regex ?? "(.*)"})$`).exec(value);
        if (r.action === "keep" && !match) return undefined;
        if (r.action === "drop" && match) return undefined;
        if (r.action === "replace" && match && r.targetLabel) {
            out[r.targetLabel] = (r.replacement ?? "$1").replace(/\$(\d)/g, (_, i) => match[Number(i)] ?? "");
        }
    }
    return out;
}

/** A single-directory glob (`*`, `?`) as the agents' doublestar matcher reads it. */
const glob = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);

const pod = (labels: Record<string, string>, namespace = "shop") => ({
    __meta_kubernetes_namespace: namespace,
    __meta_kubernetes_pod_name: "checkout-7d9f-abcde",
    __meta_kubernetes_pod_container_name: "app",
    __meta_kubernetes_pod_node_name: "worker-1",
    __meta_kubernetes_pod_uid: "1234-uid",
    ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [podLabelMeta(k), v])),
});

describe("log pipelines (shared by Promtail and Alloy)", () => {
    it("labels every pod stream with namespace, pod, container, app and node", () => {
        const out = relabel(podRelabelRules([]), pod({ "app.kubernetes.io/name": "web" }))!;
        assert.deepStrictEqual(
            { namespace: out.namespace, pod: out.pod, container: out.container, app: out.app, node: out.node },
            { namespace: "shop", pod: "checkout-7d9f-abcde", container: "app", app: "web", node: "worker-1" },
        );
        assert.strictEqual(out.__path__, "/var/log/pods/*1234-uid/app/*.log");
    });

    it("falls back from app.kubernetes.io/name to the app label to the pod name", () => {
        assert.strictEqual(relabel(podRelabelRules([]), pod({ app: "legacy" }))!.app, "legacy");
        assert.strictEqual(relabel(podRelabelRules([]), pod({}))!.app, "checkout-7d9f-abcde");
    });

    it("tails static pods under their config hash", () => {
        const out = relabel(podRelabelRules([]), {
            ...pod({}),
            __meta_kubernetes_pod_annotationpresent_kubernetes_io_config_hash: "true",
            __meta_kubernetes_pod_annotation_kubernetes_io_config_hash: "cafe",
        })!;
        assert.strictEqual(out.__path__, "/var/log/pods/*cafe/app/*.log");
    });

    it("names a JSON app's streams after the app, matched by namespace and every selector label", () => {
        const checkout = app({ name: "checkout", namespace: "shop", selector: { "app.kubernetes.io/name": "checkout-api", tier: "web" } });
        const rules = podRelabelRules([checkout]);
        assert.strictEqual(relabel(rules, pod({ "app.kubernetes.io/name": "checkout-api", tier: "web" }))!.app, "checkout");
        assert.strictEqual(relabel(rules, pod({ "app.kubernetes.io/name": "checkout-api" }))!.app, "checkout-api", "one selector label missing");
        assert.strictEqual(relabel(rules, pod({ "app.kubernetes.io/name": "checkout-api", tier: "web" }, "other"))!.app, "checkout-api", "other namespace");
    });

    it("names a text app's streams after the app too, so its dashboard finds its logs", () => {
        const text = app({ name: "catalog", logFormat: "text", selector: { app: "catalog-x" } });
        assert.strictEqual(relabel(podRelabelRules([text]), pod({ app: "catalog-x" }))!.app, "catalog");
        assert.strictEqual(relabel(podRelabelRules([text]), pod({ app: "other" }))!.app, "other");
    });

    it("escapes regex characters in selector values", () => {
        assert.strictEqual(regexEscape("a.b*c"), "a\\.b\\*c");
        const dotted = app({ selector: { app: "v1.2" } });
        assert.match(appLabelRule(dotted).regex!, /v1\\\.2$/);
        assert.strictEqual(relabel([appLabelRule(dotted)], pod({ app: "v1x2" }))!.app, undefined);
    });

    it("selects a JSON app's streams by namespace and app in LogQL", () => {
        assert.strictEqual(appStreamSelector({ name: "checkout", namespace: "shop" }), '{namespace="shop", app="checkout"}');
    });

    it("reads audit logs on control-plane nodes only, labelled job=kubernetes-audit and node", () => {
        const rules = auditRelabelRules("/var/log/kubernetes/audit/");
        const node = (labels: Record<string, string>) => ({ __meta_kubernetes_node_name: "cp-1", ...labels });
        assert.strictEqual(relabel(rules, node({})), undefined);
        const out = relabel(rules, node({ __meta_kubernetes_node_labelpresent_node_role_kubernetes_io_control_plane: "true" }))!;
        assert.deepStrictEqual([out.job, out.node, out.__path__], ["kubernetes-audit", "cp-1", "/var/log/kubernetes/audit/*.log"]);
    });

    it("skips the API server's rotated audit files, which would otherwise be shipped twice", () => {
        const rules = auditRelabelRules("/var/log/kubernetes/audit/");
        const out = relabel(rules, { __meta_kubernetes_node_name: "cp-1", __meta_kubernetes_node_labelpresent_node_role_kubernetes_io_control_plane: "true" })!;
        const tailed = (file: string) => glob(out.__path__).test(file) && !glob(out.__path_exclude__).test(file);
        assert.ok(tailed("/var/log/kubernetes/audit/audit.log"));
        // lumberjack's backup name: <name>-<2006-01-02T15-04-05.000><ext>
        assert.ok(!tailed("/var/log/kubernetes/audit/audit-2026-11-22T20-15-03.123.log"));
    });
});
