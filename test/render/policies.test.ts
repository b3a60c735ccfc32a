/**
 * Tier 3: every chart of each stack rendered with the program's values, and the policy pack run
 * over the rendered objects plus the program's own, with that stack's policy config.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import { distributedLoki, LONG_TERM } from "../helpers/object-storage";
import { mandatory, Violation } from "../policies/harness";
import { helmVersion } from "./helm";
import { renderStack, StackRender } from "./stack";

const show = (vs: Violation[]) => vs.map((v) => `  ${v.policy} [${v.enforcementLevel}] ${v.resource ?? "(stack)"}: ${v.message}`).join("\n");
const key = (v: Violation) => `${v.policy}|${v.resource}|${v.message}`;

describe("policy pack over the rendered charts", function () {
    const baselines = new Map<string, StackRender | string>();

    before(function () {
        const version = helmVersion();
        if (version === undefined) {
            console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
            this.skip();
        }
        console.log(`    helm ${version}; charts from ${process.env.CHART_MIRROR ? `CHART_MIRROR=${process.env.CHART_MIRROR}` : "their repositories"}`);
    });

    async function baseline(ctx: Mocha.Context, stack: string): Promise<StackRender> {
        if (!baselines.has(stack)) {
            baselines.set(stack, await renderStack(stack));
        }
        const r = baselines.get(stack)!;
        if (typeof r === "string") {
            console.log(`    skipped: ${r}`);
            ctx.skip();
        }
        return r as StackRender;
    }

    /** Mandatory violations a config change adds to the rendered stack. */
    async function added(ctx: Mocha.Context, stack: string, overrides: Record<string, unknown>): Promise<Violation[]> {
        const before = new Set(mandatory((await baseline(ctx, stack)).violations).map(key));
        const r = await renderStack(stack, overrides);
        assert.ok(typeof r !== "string", String(r));
        return mandatory(r.violations).filter((v) => !before.has(key(v)));
    }

    for (const stack of ["dev", "prod"]) {
        it(`finds no mandatory violation in the rendered ${stack} stack`, async function () {
            const { objects, violations } = await baseline(this, stack);
            for (const type of ["Prometheus", "Alertmanager", "StatefulSet", "ConfigMap", "DaemonSet"]) {
                assert.ok(objects.some((o) => o.type.endsWith(`:${type}`)), `no ${type} rendered`);
            }
            const advisories = violations.filter((v) => v.enforcementLevel === "advisory");
            if (advisories.length > 0) {
                console.log(`    ${stack}: ${advisories.length} advisory violation(s):\n${show(advisories)}`);
            }
            assert.deepStrictEqual(mandatory(violations), [], `mandatory violations in ${stack}:\n${show(mandatory(violations))}`);
        });
    }

    it("finds no mandatory violation in prod with Alloy and every opt-in extra on", async function () {
        await baseline(this, "prod");
        const r = await renderStack("prod", {
            logAgent: { kind: "alloy" },
            pushgateway: { enabled: true, persistence: { enabled: true } },
            kubeBench: { enabled: true },
            backups: { enabled: true, target: { kind: "pvc", size: "50Gi" } },
        });
        if (typeof r === "string") {
            console.log(`    skipped: ${r}`);
            this.skip();
        }
        const { objects, violations } = r as StackRender;
        for (const type of ["DaemonSet", "CronJob"]) {
            assert.ok(objects.some((o) => o.type.endsWith(`:${type}`)), `no ${type} rendered`);
        }
        assert.deepStrictEqual(mandatory(violations), [], `mandatory violations:\n${show(mandatory(violations))}`);
    });

    // Distributed Loki: every component, the gateway and the chart's budgets, with the pack over them.
    for (const stack of ["dev", "prod"]) {
        it(`finds no mandatory violation in the rendered ${stack} stack with Loki distributed on the object store`, async function () {
            await baseline(this, stack);
            const r = await renderStack(stack, distributedLoki({ kubeBench: { enabled: true }, pushgateway: { enabled: true } }));
            assert.ok(typeof r !== "string", String(r));
            const names = (type: string) => r.objects.filter((o) => o.type.endsWith(`:${type}`)).map((o) => o.props.metadata.name);
            for (const workload of ["loki-ingester", "loki-compactor", "loki-index-gateway", "loki-ruler"]) {
                assert.ok(names("StatefulSet").includes(workload), workload);
            }
            for (const workload of ["loki-distributor", "loki-querier", "loki-query-frontend", "loki-query-scheduler", "loki-gateway"]) {
                assert.ok(names("Deployment").includes(workload), workload);
            }
            assert.ok(!names("StatefulSet").includes("loki"), "the single binary is rendered next to the components");
            // Budgets only where a component runs more than one pod: prod's presets, none in dev.
            const budgets = names("PodDisruptionBudget").filter((n) => n.startsWith("loki-")).sort();
            assert.deepStrictEqual(budgets, stack === "prod"
                ? ["loki-distributor", "loki-gateway", "loki-index-gateway", "loki-ingester", "loki-querier", "loki-query-frontend", "loki-query-scheduler", "loki-ruler"]
                : []);
            for (const cm of r.objects.filter((o) => o.type.endsWith(":ConfigMap"))) {
                assert.ok(!/access_key_id|secret_access_key/.test(JSON.stringify(cm.props.data ?? {})), `${cm.name} holds an access key field`);
            }
            assert.deepStrictEqual(mandatory(r.violations), [], `mandatory violations:\n${show(mandatory(r.violations))}`);
        });
    }

    it("rejects prod with 3d of Prometheus retention", async function () {
        // Without apps: prod's SLO windows (7d at the least) do not fit 3d of retention, which
        // config validation refuses before any policy runs.
        const v = await added(this, "prod", { prometheus: { retention: "3d" }, apps: [] });
        assert.deepStrictEqual(v.map((x) => x.policy), ["prometheus-retention"], show(v));
    });

    it("rejects prod without Grafana persistence", async function () {
        const v = await added(this, "prod", { grafana: { persistence: { enabled: false } } });
        assert.ok(v.some((x) => x.policy === "persistent-storage" && /^Grafana grafana mounts its `storage` volume from emptyDir/.test(x.message)), show(v));
    });

    // Above the volume itself the config is refused before anything renders (config.invalid.test.ts).
    it("rejects a retentionSize above the policy's share of the Prometheus volume", async function () {
        const v = await added(this, "prod", { prometheus: { retentionSize: "190GB" } });
        assert.deepStrictEqual(v.map((x) => x.policy), ["prometheus-retention-size"], show(v));
    });

    it("rejects prod with NetworkPolicies off, the admin API then open and Grafana's Ingress without TLS", async function () {
        const v = await added(this, "prod", {
            protection: { networkPolicies: false },
            backups: { enabled: true, target: { kind: "pvc", size: "50Gi" } },
            cluster: { certManager: { enabled: false } },
            grafana: { ingress: { tlsSecretName: undefined } },
            eventExporter: { replicas: 1 },
        });
        const open = v.filter((x) => x.policy === "network-isolation").map((x) => x.message.split(" is selected")[0]).sort();
        assert.deepStrictEqual(open, ["Alertmanager kps-alertmanager", "Grafana grafana", "Loki loki", "Prometheus kps-prometheus"], show(v));
        for (const policy of ["prometheus-admin-api-restricted", "ingress-tls", "replicated-workloads"]) {
            assert.ok(v.some((x) => x.policy === policy), `${policy}:\n${show(v)}`);
        }
    });
    it("finds no mandatory violation in prod with long-term metrics: the thanos chart, the sidecars and the objstore Secret", async function () {
        await baseline(this, "prod");
        const r = await renderStack("prod", LONG_TERM);
        assert.ok(typeof r !== "string", String(r));
        const compactors = r.objects.filter((o) => o.type.endsWith(":StatefulSet") && o.props.metadata?.name === "thanos-compact");
        assert.strictEqual(compactors.length, 1, "no thanos-compact StatefulSet rendered");
        assert.deepStrictEqual(mandatory(r.violations), [], `mandatory violations:\n${show(mandatory(r.violations))}`);
    });

    it("rejects prod whose bucket keeps raw data longer than prod's bounds, on the rendered compactor's args", async function () {
        const v = await added(this, "prod", { ...LONG_TERM, prometheus: { longTerm: { enabled: true, retention: { raw: "400d", fiveMinutes: "400d", oneHour: "730d" } } } });
        assert.deepStrictEqual(v.map((x) => [x.policy, x.resource]), [["thanos-compactor-retention", "long-term-metrics-chart:monitoring/thanos-compact"]], show(v));
        assert.match(v[0].message, /--retention.resolution-raw is 400d \(400d\), longer than the 365d this stack allows/);
    });
});
