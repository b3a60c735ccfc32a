import { strict as assert } from "assert";
import { buildDashboards } from "../../../components/builders/dashboards";
import { STACK_TAG } from "../../../components/builders/dashboards/model";
import { DATASOURCE_UIDS } from "../../../components/builders/endpoints";
import { stackConfig } from "../../helpers/config";
import { LONG_TERM_AND_DISTRIBUTED } from "../../helpers/object-storage";
import { dashboardQueryErrors, sampleValues, substitute, syntaxErrors, targetsOf } from "./query-syntax";

const PROVISIONED: Record<string, string> = { prometheus: DATASOURCE_UIDS.prometheus, loki: DATASOURCE_UIDS.loki };

const KUBE_BENCH_ON = { pushgateway: { enabled: true }, kubeBench: { enabled: true } };
const VARIANTS: [string, string, Record<string, unknown>][] = [
    ["the dev stack", "dev", {}],
    ["the prod stack", "prod", {}],
    ["the prod stack with kube-bench", "prod", KUBE_BENCH_ON],
    ["the prod stack with long-term metrics and distributed Loki", "prod", LONG_TERM_AND_DISTRIBUTED],
];

for (const [label, stack, overrides] of VARIANTS) {
    describe(`dashboards of ${label}`, () => {
        const config = stackConfig(stack, overrides);
        const docs = buildDashboards(config);

        it("builds stack health, logs explorer, Kubernetes events, CIS results with kube-bench, and one dashboard per app", () => {
            assert.deepEqual(docs.map((d) => d.uid), [
                "obs-stack-health",
                "obs-logs-explorer",
                "obs-kubernetes-events",
                ...(config.kubeBench.enabled ? ["obs-kube-bench"] : []),
                ...config.apps.map((a) => `obs-app-${a.namespace}-${a.name}`),
                ...config.apps.filter((a) => a.slos.length > 0).map((a) => `obs-slo-${a.namespace}-${a.name}`),
            ]);
        });

        it("gives every dashboard a unique Grafana-valid uid, a title and the stack tag", () => {
            assert.equal(new Set(docs.map((d) => d.uid)).size, docs.length);
            for (const d of docs) {
                assert.match(d.model.uid ?? "", /^[a-z0-9-]{1,40}$/);
                assert.ok((d.model.title ?? "").length > 0, `${d.uid} has no title`);
                assert.ok(d.model.tags?.includes(STACK_TAG), `${d.uid} lacks the ${STACK_TAG} tag`);
                assert.equal(d.fileName, `${d.uid}.json`);
            }
        });

        it("makes every dashboard read-only, since the next pulumi up would overwrite UI edits", () => {
            for (const d of docs) {
                assert.equal(d.model.editable, false, d.uid);
                assert.equal(d.model.annotations?.list?.[0]?.builtIn, 1, `${d.uid} lacks Grafana's built-in annotation query`);
            }
        });

        it("points every target at a provisioned datasource uid of its own type", () => {
            for (const d of docs) {
                const targets = targetsOf(d.model);
                assert.ok(targets.length > 0, `${d.uid} has no queries`);
                for (const t of targets) {
                    assert.equal(t.datasource.uid, PROVISIONED[t.datasource.type ?? ""], `${d.uid} / ${t.panel}: ${JSON.stringify(t.datasource)}`);
                }
            }
        });

        it("points every variable query at a provisioned datasource", () => {
            for (const d of docs) {
                for (const v of (d.model.templating?.list ?? []).filter((v) => v.type === "query")) {
                    assert.equal(v.datasource?.uid, PROVISIONED[v.datasource?.type ?? ""], `${d.uid} / $${v.name}`);
                }
            }
        });

        it("writes every PromQL and LogQL target so that its parser accepts it", () => {
            assert.deepEqual(docs.flatMap((d) => dashboardQueryErrors(d.model)), []);
        });

        it("numbers panels uniquely and gives each target of a panel its own refId", () => {
            for (const d of docs) {
                const ids = (d.model.panels ?? []).map((p) => p.id);
                assert.equal(new Set(ids).size, ids.length, `${d.uid} repeats a panel id`);
                assert.ok(ids.every((id) => typeof id === "number" && id > 0), `${d.uid} has a panel without id`);
                // By panel id: an SLO dashboard repeats its panel titles in each SLO's row.
                const byPanel = new Map<string, string[]>();
                targetsOf(d.model).forEach((t) => byPanel.set(`${t.panelId} ${t.panel}`, [...(byPanel.get(`${t.panelId} ${t.panel}`) ?? []), t.refId]));
                for (const [panel, refIds] of byPanel) {
                    assert.equal(new Set(refIds).size, refIds.length, `${d.uid} / ${panel} repeats a refId`);
                }
            }
        });
    });
}

describe("the dashboard query check", () => {
    it("catches a PromQL query with an unbalanced parenthesis", () => {
        assert.notDeepEqual(syntaxErrors("promql", 'sum(rate(up{job="x"}[5m])'), []);
    });

    it("catches a LogQL query with an unterminated stream selector", () => {
        assert.notDeepEqual(syntaxErrors("logql", '{job="kubernetes-event" | json'), []);
    });

    it("rejects Grafana's $__rate_interval left in place, which is why variables are substituted", () => {
        assert.notDeepEqual(syntaxErrors("promql", "rate(up[$__rate_interval])"), []);
        assert.deepEqual(syntaxErrors("promql", substitute("rate(up[$__rate_interval])", { __rate_interval: "1m" })), []);
    });

    it("refuses a variable the dashboard does not define", () => {
        const model = buildDashboards(stackConfig("dev"))[0].model;
        assert.throws(() => substitute('up{namespace="$nowhere"}', sampleValues(model)), /\$nowhere/);
    });
});

describe("dashboards and the event exporter", () => {
    it("leaves out the Kubernetes events dashboard when the event exporter is disabled", () => {
        const docs = buildDashboards(stackConfig("dev", { eventExporter: { enabled: false } }));
        assert.ok(!docs.some((d) => d.uid === "obs-kubernetes-events"));
    });
});
