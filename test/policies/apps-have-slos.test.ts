import * as assert from "assert";
import { appsHaveSlos } from "../../policies/apps-have-slos";
import { appPrometheusRule, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource, runPack } from "./harness";
import { packConfig, policyConfig } from "./pack-config";

const NAME = "apps-have-slos";
const prod = policyConfig("prod", NAME);
/** The app's rule with only its alert group: the app has no SLO. */
const withoutSlo = () => withField(appPrometheusRule(), "props.spec.groups", appPrometheusRule().props.spec.groups.slice(0, 1));

describe("policy apps-have-slos", () => {
    it("passes an app whose PrometheusRule records an SLO, as the program makes it for prod's checkout", async () => {
        assert.deepStrictEqual(await checkResource(appsHaveSlos, appPrometheusRule(), prod), []);
    });

    it("rejects an app without an SLO, naming it and the config key to set", async () => {
        const [message, ...rest] = await checkResource(appsHaveSlos, withoutSlo(), prod);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^App checkout in namespace shop \(PrometheusRule app\.shop\.checkout\) has no SLO; give its entry in the stack config's apps a slos list/);
        assert.match(message, /or list "shop\/checkout" in this policy's exemptApps\.$/);
    });

    it("does not count an SLO recorded for another app", async () => {
        const groups = appPrometheusRule().props.spec.groups;
        const other = groups[1].rules.map((r: Record<string, any>) => ("record" in r ? { ...r, labels: { ...r.labels, app: "catalog" } } : r));
        const rule = withField(appPrometheusRule(), "props.spec.groups", [groups[0], { ...groups[1], rules: other }]);
        assert.strictEqual((await checkResource(appsHaveSlos, rule, prod)).length, 1);
    });

    it("lets exemptApps go without an SLO", async () => {
        assert.deepStrictEqual(await checkResource(appsHaveSlos, withoutSlo(), { exemptApps: ["shop/checkout"] }), []);
        assert.strictEqual((await checkResource(appsHaveSlos, withoutSlo(), { exemptApps: ["shop/catalog"] })).length, 1);
    });

    it("leaves PrometheusRules without an app group, such as the stack's own, and other objects alone", async () => {
        const stackRule = withField(withoutSlo(), "props.spec.groups.0.name", "observability-stack.prometheus");
        assert.deepStrictEqual(await checkResource(appsHaveSlos, stackRule, prod), []);
        assert.deepStrictEqual(await checkResource(appsHaveSlos, prometheus(), prod), []);
    });

    it("is advisory in dev and mandatory in prod", async () => {
        const levels = async (stack: string) => (await runPack([appsHaveSlos], [withoutSlo()], packConfig(stack))).map((v) => v.enforcementLevel);
        assert.deepStrictEqual(await levels("dev"), ["advisory"]);
        assert.deepStrictEqual(await levels("prod"), ["mandatory"]);
    });
});
