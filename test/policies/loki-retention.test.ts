import * as assert from "assert";
import * as YAML from "yaml";
import { lokiRetention } from "../../policies/loki-retention";
import { distributedLokiConfig, lokiConfig, lokiConfigMap, lokiConfigSecret } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "loki-retention";

function withRetention(value: unknown): Record<string, any> {
    const config = lokiConfig();
    if (value === undefined) {
        delete config.limits_config.retention_period;
    } else {
        config.limits_config.retention_period = value;
    }
    return config;
}

/** The loki chart's `<name>-runtime` ConfigMap (loki.runtimeConfig) with these tenant overrides. */
function runtimeConfig(overrides: Record<string, unknown>) {
    const cm = lokiConfigMap();
    cm.props.metadata.name = "loki-runtime";
    cm.props.data = { "runtime-config.yaml": YAML.stringify({ overrides }) };
    return cm;
}

describe("policy loki-retention", () => {
    it("passes the chart's ConfigMap with 720h retention under the defaults and both stacks' config", async () => {
        for (const config of [{}, policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            assert.deepStrictEqual(await checkResource(lokiRetention, lokiConfigMap(), config), []);
        }
    });

    it("reads the config from a Secret with base64 data too", async () => {
        assert.deepStrictEqual(await checkResource(lokiRetention, lokiConfigSecret()), []);
        const [message] = await checkResource(lokiRetention, lokiConfigSecret(withRetention(undefined)));
        assert.match(message, /Loki keeps logs forever/);
    });

    it("rejects a config without retention_period: Loki keeps logs forever", async () => {
        const [message] = await checkResource(lokiRetention, lokiConfigMap(withRetention(undefined)));
        assert.match(message, /Loki config loki\/config\.yaml has no limits_config\.retention_period, so Loki keeps logs forever/);
    });

    it("treats retention_period 0s as forever", async () => {
        const [message] = await checkResource(lokiRetention, lokiConfigMap(withRetention("0s")));
        assert.match(message, /keeps logs forever/);
    });

    it("rejects a retention that is not whole 24h index periods", async () => {
        const [message] = await checkResource(lokiRetention, lokiConfigMap(withRetention("180h")));
        assert.match(message, /180h is not a whole number of 24h index periods/);
    });

    it("rejects 3d in prod but accepts it in dev", async () => {
        const short = lokiConfigMap(withRetention("3d"));
        assert.match((await checkResource(lokiRetention, short, policyConfig("prod", NAME)))[0], /shorter than the 14d this stack requires/);
        assert.deepStrictEqual(await checkResource(lokiRetention, short, policyConfig("dev", NAME)), []);
    });

    it("ignores the promtail chart's config Secret, whose limits_config is not Loki's", async () => {
        const promtail = lokiConfigSecret({ server: { http_listen_port: 3101 }, clients: [{ url: "http://loki:3100/loki/api/v1/push" }], limits_config: { readline_rate_enabled: false }, scrape_configs: [] });
        promtail.props.data = { "promtail.yaml": promtail.props.data["config.yaml"] };
        assert.deepStrictEqual(await checkResource(lokiRetention, promtail), []);
    });

    it("rejects a config whose retention is set only in per-tenant overrides: the default tenant keeps logs forever", async () => {
        const [message] = await checkResource(lokiRetention, lokiConfigMap(withRetention(undefined)));
        assert.match(message, /has no limits_config\.retention_period, so Loki keeps logs forever/);
        const overrides = runtimeConfig({ "team-a": { retention_period: "720h" } });
        assert.deepStrictEqual(await checkResource(lokiRetention, overrides), []);
    });

    it("rejects a tenant override that turns retention off or exceeds the maximum", async () => {
        const forever = await checkResource(lokiRetention, runtimeConfig({ "team-a": { retention_period: "0s" } }));
        assert.match(forever[0], /Loki runtime config loki-runtime\/runtime-config\.yaml overrides\.team-a\.retention_period is "0s", which turns retention off, so Loki keeps logs forever/);
        const long = await checkResource(lokiRetention, runtimeConfig({ "team-b": { retention_period: "365d" } }), policyConfig("prod", NAME));
        assert.match(long[0], /overrides\.team-b\.retention_period is 365d \(365d\), longer than the 90d this stack allows; set the tenant's retention_period \(loki chart: loki\.runtimeConfig\.overrides\)/);
    });

    it("rejects a per-stream period above the maximum but allows a short one", async () => {
        const config = lokiConfig();
        config.limits_config.retention_stream = [{ selector: '{namespace="dev"}', priority: 1, period: "24h" }, { selector: '{namespace="audit"}', priority: 2, period: "2y" }];
        const messages = await checkResource(lokiRetention, lokiConfigMap(config));
        assert.strictEqual(messages.length, 1);
        assert.match(messages[0], /limits_config\.retention_stream\[1\]\.period is "2y", which keeps those streams longer than the 90d this stack allows/);
    });

    it("ignores ConfigMaps that hold no Loki config", async () => {
        const runtime = lokiConfigMap();
        runtime.props.data = { "runtime-config.yaml": "{}\n" };
        assert.deepStrictEqual(await checkResource(lokiRetention, runtime), []);
    });
    it("bounds distributed Loki's retention_period from the same config", async () => {
        assert.deepStrictEqual(await checkResource(lokiRetention, lokiConfigMap(distributedLokiConfig()), policyConfig("prod", NAME)), []);
        const long = distributedLokiConfig();
        long.limits_config.retention_period = "2400h";
        assert.match((await checkResource(lokiRetention, lokiConfigMap(long), policyConfig("prod", NAME)))[0], /longer than the 90d this stack allows/);
    });
});
