/**
 * Tier 3: prometheus.longTerm rendered. The thanos chart and kube-prometheus-stack with the
 * program's values give one compactor with the configured retention, Query deduplicating the
 * replicas over the sidecars' discovery Service, the sidecar on the keyless objstore Secret, and
 * the keys only as Secret references; the pack finds nothing mandatory.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import { mandatory, PolicyObject } from "../policies/harness";
import { helmVersion } from "./helm";
import { renderStack, StackRender } from "./stack";

/* eslint-disable @typescript-eslint/no-explicit-any */
const STORE = { endpoint: "s3.storage.example.internal:9000", credentials: { name: "object-store-credentials" }, buckets: { metrics: "thanos-metrics" } };

const named = (objects: PolicyObject[], kind: string, name: string): any =>
    objects.find((o) => o.type.endsWith(`:${kind}`) && o.props.metadata?.name === name)?.props;

const argsOf = (workload: any): string[] => workload.spec.template.spec.containers[0].args;

for (const stack of ["dev", "prod"]) {
    describe(`long-term metrics rendered in the ${stack} stack`, function () {
        let r: StackRender;
        before(async function () {
            if (helmVersion() === undefined) {
                console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
                this.skip();
            }
            const rendered = await renderStack(stack, { objectStorage: STORE, prometheus: { longTerm: { enabled: true } } });
            if (typeof rendered === "string") {
                console.log(`    skipped: ${rendered}`);
                this.skip();
            }
            r = rendered as StackRender;
        });

        it("passes the pack with no mandatory violation", () => {
            assert.deepStrictEqual(mandatory(r.violations).map((v) => `${v.policy}: ${v.message}`), []);
        });

        it("renders exactly one compactor, a StatefulSet of one with the retention per resolution", () => {
            const compactors = r.objects.filter((o) => o.type.endsWith(":StatefulSet") && argsOf(o.props)[0] === "compact");
            assert.strictEqual(compactors.length, 1);
            const compact = compactors[0].props as any;
            assert.strictEqual(compact.spec.replicas ?? 1, 1);
            const retention = argsOf(compact).filter((a) => a.startsWith("--retention.resolution-"));
            assert.deepStrictEqual(retention, stack === "prod"
                ? ["--retention.resolution-raw=90d", "--retention.resolution-5m=365d", "--retention.resolution-1h=730d"]
                : ["--retention.resolution-raw=30d", "--retention.resolution-5m=90d", "--retention.resolution-1h=180d"]);
            assert.ok(argsOf(compact).includes("--deduplication.replica-label=prometheus_replica"));
        });

        it("has Query deduplicate prometheus_replica over the store gateway and the sidecars' discovery Service", () => {
            const args = argsOf(named(r.objects, "Deployment", "thanos-query"));
            assert.ok(args.includes("--query.replica-label=prometheus_replica"), args.join(" "));
            assert.ok(args.includes("--endpoint=dnssrv+_grpc._tcp.kps-thanos-discovery.monitoring.svc.cluster.local"), args.join(" "));
            assert.ok(args.includes("--endpoint=dnssrv+_grpc._tcp.thanos-store-gateway-headless.monitoring.svc.cluster.local"), args.join(" "));
            const discovery = named(r.objects, "Service", "kps-thanos-discovery");
            assert.ok(discovery.spec.ports.some((p: any) => p.name === "grpc" && p.port === 10901));
        });

        it("gives the Prometheus CR the sidecar on the keyless objstore Secret, with the keys as env references", () => {
            const prometheus = r.objects.find((o) => o.type.endsWith(":Prometheus"))!.props as any;
            assert.deepStrictEqual(prometheus.spec.thanos.objectStorageConfig, { key: "objstore.yml", name: "thanos-objstore" });
            const sidecar = prometheus.spec.containers.find((c: any) => c.name === "thanos-sidecar");
            assert.deepStrictEqual(sidecar.env.map((e: any) => [e.name, e.valueFrom.secretKeyRef.name]), [["AWS_ACCESS_KEY_ID", "object-store-credentials"], ["AWS_SECRET_ACCESS_KEY", "object-store-credentials"]]);
        });

        it("carries no object-store key value anywhere: every AWS_* variable is a Secret reference", () => {
            for (const o of r.objects) {
                const text = JSON.stringify(o.props);
                for (const m of text.matchAll(/"name":"AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)"(,"value":)?/g)) {
                    assert.strictEqual(m[2], undefined, `${o.type} ${o.name} sets ${m[0]} as a literal`);
                }
                assert.doesNotMatch(text, /access_key:|secret_key:/, `${o.type} ${o.name}`);
            }
        });

        it("points Grafana's default datasource at Thanos Query", () => {
            const text = JSON.stringify(r.objects.filter((o) => o.type.endsWith(":ConfigMap")).map((o) => o.props));
            assert.match(text, /url: http:\/\/thanos-query\.monitoring\.svc:10902/);
        });
    });
}

describe("long-term metrics on an air-gapped site", function () {
    it("pulls every Thanos image, the sidecar's too, through mirrors.imageRegistry", async function () {
        if (helmVersion() === undefined) {
            this.skip();
        }
        const mirror = "registry.internal:5000/mirror";
        const rendered = await renderStack("prod", { mirrors: { imageRegistry: mirror }, objectStorage: STORE, prometheus: { longTerm: { enabled: true } } });
        if (typeof rendered === "string") {
            console.log(`    skipped: ${rendered}`);
            this.skip();
        }
        const text = JSON.stringify((rendered as StackRender).objects.map((o) => o.props));
        const thanosImages = [...text.matchAll(/"image":"([^"]*thanos[^"]*)"/g)].map((m) => m[1]);
        assert.ok(thanosImages.length >= 3, `only ${thanosImages.join(", ")}`);
        assert.deepStrictEqual([...new Set(thanosImages)], [`${mirror}/thanos/thanos:v0.42.4`]);
        assert.match(text, new RegExp(`--thanos-default-base-image=${mirror}/thanos/thanos:v0\\.42\\.4`));
    });
});

describe("Thanos behind NetworkPolicies, in the rendered prod stack", function () {
    it("is isolated with protection.networkPolicies, and reported workload by workload without", async function () {
        if (helmVersion() === undefined) {
            this.skip();
        }
        const on = await renderStack("prod", { objectStorage: STORE, prometheus: { longTerm: { enabled: true } } });
        const off = await renderStack("prod", { objectStorage: STORE, prometheus: { longTerm: { enabled: true } }, protection: { networkPolicies: false } });
        if (typeof on === "string" || typeof off === "string") {
            console.log(`    skipped: ${on}`);
            this.skip();
        }
        const thanos = (r: StackRender) => r.violations.filter((v) => v.policy === "network-isolation" && v.message.startsWith("Thanos ")).map((v) => v.message.split(" is selected")[0]).sort();
        assert.deepStrictEqual(thanos(on as StackRender), []);
        assert.deepStrictEqual(thanos(off as StackRender), ["Thanos thanos-compact", "Thanos thanos-query", "Thanos thanos-store-gateway"]);
    });
});
