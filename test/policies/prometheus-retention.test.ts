import * as assert from "assert";
import { prometheusRetention } from "../../policies/prometheus-retention";
import { prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "prometheus-retention";

describe("policy prometheus-retention", () => {
    it("passes the rendered Prometheus with 30d retention under the defaults and both stacks' config", async () => {
        for (const config of [{}, policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            assert.deepStrictEqual(await checkResource(prometheusRetention, prometheus(), config), []);
        }
    });

    it("rejects a Prometheus without retention or retentionSize, naming the operator's 24h default", async () => {
        const bare = withField(withField(prometheus(), "props.spec.retention", undefined), "props.spec.retentionSize", undefined);
        const [message] = await checkResource(prometheusRetention, bare);
        assert.match(message, /does not set spec\.retention, so the operator keeps only 24h/);
        assert.match(message, /prometheusSpec\.retention\) between 7d and 90d/);
    });

    it("rejects retentionSize without retention: the operator then sets no time limit at all", async () => {
        const [message] = await checkResource(prometheusRetention, withField(prometheus(), "props.spec.retention", undefined));
        assert.match(message, /does not set spec\.retention, so Prometheus has no time limit and keeps data until retentionSize 170GB is reached/);
    });

    it("rejects durations the CRD pattern refuses: fractions and units out of order", async () => {
        for (const value of ["1.5d", "12h30d"]) {
            const [message] = await checkResource(prometheusRetention, withField(prometheus(), "props.spec.retention", value));
            assert.match(message, new RegExp(`"${value.replace(".", "\\.")}" is not a duration`), value);
        }
    });

    it("accepts compound durations in the operator's unit order", async () => {
        assert.deepStrictEqual(await checkResource(prometheusRetention, withField(prometheus(), "props.spec.retention", "2w2d")), []);
    });

    it("rejects a retention that is not a duration", async () => {
        const messages = await checkResource(prometheusRetention, withField(prometheus(), "props.spec.retention", "thirty days"));
        assert.match(messages[0], /"thirty days" is not a duration/);
    });

    it("rejects a retention above the maximum", async () => {
        const messages = await checkResource(prometheusRetention, withField(prometheus(), "props.spec.retention", "1y"));
        assert.match(messages[0], /longer than the 90d this stack allows/);
    });

    it("rejects 3d in prod but accepts it in dev", async () => {
        const short = withField(prometheus(), "props.spec.retention", "3d");
        const [prod] = await checkResource(prometheusRetention, short, policyConfig("prod", NAME));
        assert.match(prod, /spec\.retention is 3d \(3d\), shorter than the 15d this stack requires/);
        assert.deepStrictEqual(await checkResource(prometheusRetention, short, policyConfig("dev", NAME)), []);
    });

    it("ignores objects that are not a Prometheus", async () => {
        const notPrometheus = withField(prometheus(), "type", "kubernetes:monitoring.coreos.com/v1:ThanosRuler");
        assert.deepStrictEqual(await checkResource(prometheusRetention, withField(notPrometheus, "props.spec.retention", undefined)), []);
    });
});
