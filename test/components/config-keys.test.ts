import * as assert from "assert";
import { editDistance, nearest, unknownKeyMessage } from "../../components/config-keys";
import { keysAt, stringFormAt } from "../../components/schema-paths";
import { stackConfigSchema } from "../../components/schema";

describe("unknown config keys", () => {
    it("measures edit distance by insertions, deletions and substitutions", () => {
        assert.deepStrictEqual([editDistance("retension", "retention"), editDistance("", "abc"), editDistance("scrape", "scrape")], [1, 3, 0]);
    });

    it("suggests the nearest valid key only when it is close enough to be a typo", () => {
        assert.strictEqual(nearest("volumesize", ["volumeSize", "retention"]), "volumeSize");
        assert.strictEqual(nearest("replicaCount", ["replicas", "resources"]), undefined);
    });

    it("lists the valid keys of nested objects, list entries and a chart mirror of the given kind", () => {
        assert.deepStrictEqual(keysAt(stackConfigSchema, ["grafana", "ingress"], {}).sort(), ["className", "enabled", "host", "tlsSecretName"]);
        assert.ok(keysAt(stackConfigSchema, ["apps", 0], { apps: [{}] }).includes("port"));
        assert.deepStrictEqual(keysAt(stackConfigSchema, ["mirrors", "charts"], { mirrors: { charts: { kind: "local" } } }), ["kind", "path"]);
    });

    it("finds the form a string field states, for a value of another type", () => {
        assert.match(stringFormAt(stackConfigSchema, ["cluster", "name"], {}) ?? "", /DNS label such as prod-eu-1/);
        assert.match(stringFormAt(stackConfigSchema, ["storage", "className"], {}) ?? "", /StorageClass name such as fast-ssd/);
        assert.strictEqual(stringFormAt(stackConfigSchema, ["prometheus", "replicas"], {}), undefined);
    });

    it("points a credential-looking key to the secret keys, not to its spelling", () => {
        for (const [path, key] of [[["alerting", "smtp"], "password"], [["grafana"], "adminPassword"], [["loki"], "bearerToken"], [["mirrors", "charts"], "password"]] as [string[], string][]) {
            const message = unknownKeyMessage(path, key, ["a"]);
            assert.match(message, /looks like a credential/);
            assert.doesNotMatch(message, /did you mean/);
        }
    });
});
