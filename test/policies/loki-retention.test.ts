import * as assert from "assert";
import { lokiRetention } from "../../policies/loki-retention";
import { lokiConfig, lokiConfigMap, lokiConfigSecret } from "../fixtures/policies/objects";
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

    it("ignores ConfigMaps that hold no Loki config", async () => {
        const runtime = lokiConfigMap();
        runtime.props.data = { "runtime-config.yaml": "{}\n" };
        assert.deepStrictEqual(await checkResource(lokiRetention, runtime), []);
    });
});
