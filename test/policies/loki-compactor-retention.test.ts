import * as assert from "assert";
import { lokiCompactorRetention } from "../../policies/loki-compactor-retention";
import { distributedLokiConfig, lokiConfig, lokiConfigMap, lokiConfigSecret } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

function withCompactor(field: string, value: unknown): Record<string, any> {
    const config = lokiConfig();
    if (value === undefined) {
        delete config.compactor[field];
    } else {
        config.compactor[field] = value;
    }
    return config;
}

describe("policy loki-compactor-retention", () => {
    it("passes a compactor with retention enabled and a filesystem delete request store", async () => {
        assert.deepStrictEqual(await checkResource(lokiCompactorRetention, lokiConfigMap()), []);
        assert.deepStrictEqual(await checkResource(lokiCompactorRetention, lokiConfigSecret()), []);
    });

    it("rejects a compactor with retention disabled: retention_period is never applied", async () => {
        const [message] = await checkResource(lokiCompactorRetention, lokiConfigMap(withCompactor("retention_enabled", false)));
        assert.match(message, /does not set compactor\.retention_enabled: true, so retention_period is never applied/);
    });

    it("rejects a compactor without a delete request store", async () => {
        const [message] = await checkResource(lokiCompactorRetention, lokiConfigMap(withCompactor("delete_request_store", undefined)));
        assert.match(message, /has no compactor\.delete_request_store/);
    });

    it("rejects a config with no compactor section at all on both counts", async () => {
        const config = lokiConfig();
        delete config.compactor;
        assert.strictEqual((await checkResource(lokiCompactorRetention, lokiConfigMap(config))).length, 2);
    });
    it("checks distributed Loki's one config too: S3 delete requests pass, retention switched off fails", async () => {
        assert.deepStrictEqual(await checkResource(lokiCompactorRetention, lokiConfigMap(distributedLokiConfig())), []);
        const off = distributedLokiConfig();
        off.compactor.retention_enabled = false;
        const [message] = await checkResource(lokiCompactorRetention, lokiConfigMap(off));
        assert.match(message, /does not set compactor\.retention_enabled: true/);
        delete off.compactor.delete_request_store;
        assert.match((await checkResource(lokiCompactorRetention, lokiConfigMap(off)))[1], /s3 for distributed Loki on objectStorage/);
    });
});
