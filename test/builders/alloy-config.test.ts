import * as assert from "assert";
import { alloyConfig, str } from "../../components/builders/alloy-config";
import { lokiPushUrl } from "../../components/builders/endpoints";
import type { StackConfig } from "../../components/schema";
import { stackConfig } from "../helpers/config";

const input = (config: StackConfig) => ({
    pushUrl: lokiPushUrl(config.namespace, config.loki.mode),
    cluster: config.cluster.name,
    apps: config.apps,
    auditLogs: config.logAgent.auditLogs,
});

/** Brackets outside string literals, in order; throws on a mismatch. */
function checkBrackets(text: string): void {
    const stack: string[] = [];
    const pairs: Record<string, string> = { "}": "{", "]": "[", ")": "(" };
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            for (i++; text[i] !== '"'; i++) {
                if (text[i] === "\\") i++;
                if (i >= text.length) throw new Error("unterminated string");
            }
        } else if ("{[(".includes(c)) {
            stack.push(c);
        } else if (c in pairs) {
            assert.strictEqual(stack.pop(), pairs[c], `unbalanced ${c} at ${i}`);
        }
    }
    assert.deepStrictEqual(stack, []);
}

/** Top-level components as "name.label". */
const components = (text: string) => [...text.matchAll(/^([a-z_.]+) "([a-z_]+)" \{$/gm)].map((m) => `${m[1]}.${m[2]}`);

describe("alloyConfig", () => {
    const dev = alloyConfig(input(stackConfig("dev")));
    const prod = alloyConfig(input(stackConfig("prod")));

    it("is well formed: brackets balance outside string literals", () => {
        checkBrackets(dev);
        checkBrackets(prod);
    });

    it("only references components it defines", () => {
        for (const text of [dev, prod]) {
            const defined = new Set(components(text));
            const refs = [...text.matchAll(/((?:discovery|local|loki)\.[a-z_.]+?)\.(targets|output|receiver)\b/g)].map((m) => m[1]);
            assert.ok(refs.length > 0);
            for (const ref of refs) {
                assert.ok(defined.has(ref), `${ref} is not defined`);
            }
        }
    });

    it("pipes pods from discovery through file matching and processing to one Loki writer", () => {
        assert.deepStrictEqual(components(dev), [
            "discovery.kubernetes.pods", "discovery.relabel.pods", "local.file_match.pods", "loki.source.file.pods", "loki.process.pods", "loki.write.default",
        ]);
    });

    it("discovers only pods of its own node", () => {
        assert.match(dev, /field = "spec\.nodeName=" \+ sys\.env\("HOSTNAME"\)/);
    });

    it("writes to Loki's push URL with the cluster label", () => {
        assert.match(dev, /url = "http:\/\/loki\.monitoring\.svc:3100\/loki\/api\/v1\/push"/);
        assert.match(dev, /external_labels = \{ "cluster" = "dev" \}/);
    });

    it("relabels pods into namespace, pod, container, app and node like Promtail", () => {
        for (const label of ["namespace", "pod", "container", "app", "node", "__path__"]) {
            assert.ok(dev.includes(`target_label = "${label}"`), label);
        }
        assert.ok(dev.includes(`regex = "shop;checkout"`));
    });

    it("parses CRI and gives the JSON app a pipeline for level, service and timestamp", () => {
        assert.ok(dev.indexOf("stage.cri {") < dev.indexOf("stage.match {"));
        assert.ok(dev.includes(`selector = ${str('{namespace="shop", app="checkout"}')}`));
        assert.ok(dev.includes(`expressions = { "level" = "level", "service" = "service", "timestamp" = "timestamp" }`));
        assert.ok(dev.includes(`values = { "level" = "", "service" = "" }`));
        assert.match(dev, /stage\.timestamp \{\n\s+source = "timestamp"\n\s+format = "RFC3339Nano"\n\s+action_on_failure = "skip"/);
        assert.strictEqual(prod.match(/stage\.match \{/g)?.length, 1, "one JSON app in prod");
    });

    it("adds the audit-log source on control-plane nodes only where enabled (prod)", () => {
        assert.ok(!dev.includes('"audit"'));
        assert.deepStrictEqual(components(prod).filter((c) => c.endsWith(".audit")), [
            "discovery.kubernetes.audit", "discovery.relabel.audit", "local.file_match.audit", "loki.source.file.audit", "loki.process.audit",
        ]);
        assert.match(prod, /field = "metadata\.name=" \+ sys\.env\("HOSTNAME"\)/);
        assert.ok(prod.includes(`replacement = "/var/log/kubernetes/audit/*.log"`));
        assert.ok(prod.includes(`replacement = "kubernetes-audit"`));
    });

    it("escapes quotes and backslashes in string literals", () => {
        assert.strictEqual(str('a"b\\c'), '"a\\"b\\\\c"');
        const dotted = alloyConfig(input(stackConfig("dev", { apps: [{ name: "web", namespace: "shop", selector: { app: "v1.2" }, logFormat: "json" }] })));
        assert.ok(dotted.includes(`regex = "shop;v1\\\\.2"`));
        checkBrackets(dotted);
    });

    it("holds no Helm template delimiters (the chart passes it through tpl)", () => {
        assert.ok(!dev.includes("{{") && !prod.includes("{{"));
    });
});
