/** objectStorage, prometheus.longTerm, prometheus.remoteWrite and loki.mode: good and bad values. */
import * as assert from "assert";
import { ConfigError } from "../../components/config";
import type { ConfigTree } from "../../components/presets";
import { configProblem, stackConfig } from "../helpers/config";

const STORE = { endpoint: "s3.storage.example.internal:9000", credentials: { name: "object-store-credentials" }, buckets: { metrics: "thanos-metrics", logs: "loki-chunks" } };
const LONG_TERM = { objectStorage: STORE, prometheus: { longTerm: { enabled: true } } };

interface Bad {
    why: string;
    stack?: "dev" | "prod";
    overrides: ConfigTree;
    key: string;
    expects: RegExp;
}

const with_ = (store: ConfigTree): ConfigTree => ({ ...LONG_TERM, objectStorage: { ...STORE, ...store } });
const retention = (r: ConfigTree): ConfigTree => ({ ...LONG_TERM, prometheus: { longTerm: { enabled: true, retention: r } } });
const remote = (target: ConfigTree): ConfigTree => ({ prometheus: { remoteWrite: [{ name: "mimir", url: "https://mimir.example.internal/api/v1/push", ...target }] } });

const BAD: Bad[] = [
    { why: "long-term metrics without an object store", overrides: { prometheus: { longTerm: { enabled: true } } }, key: "prometheus.longTerm.enabled", expects: /expected objectStorage \{endpoint.*buckets\.metrics\}/ },
    { why: "distributed Loki without an object store", overrides: { loki: { mode: "distributed" } }, key: "loki.mode", expects: /buckets\.logs/ },
    { why: "long-term metrics without a metrics bucket", overrides: with_({ buckets: { logs: "loki-chunks" } }), key: "objectStorage.buckets.metrics", expects: /bucket name such as thanos-metrics/ },
    { why: "distributed Loki without a logs bucket", overrides: { objectStorage: { ...STORE, buckets: { metrics: "thanos-metrics" } }, loki: { mode: "distributed" } }, key: "objectStorage.buckets.logs", expects: /loki-chunks/ },
    { why: "an endpoint with a scheme", overrides: with_({ endpoint: "https://s3.example.internal" }), key: "objectStorage.endpoint", expects: /without a scheme/ },
    { why: "an endpoint with a path", overrides: with_({ endpoint: "s3.example.internal:9000/bucket" }), key: "objectStorage.endpoint", expects: /host:port without a scheme/ },
    { why: "a bucket name with capitals", overrides: with_({ buckets: { metrics: "Thanos_Metrics" } }), key: "objectStorage.buckets.metrics", expects: /lowercase letters/ },
    { why: "one bucket for metrics and logs", overrides: with_({ buckets: { metrics: "shared", logs: "shared" } }), key: "objectStorage.buckets.logs", expects: /different buckets/ },
    { why: "credentials without the Secret name", overrides: with_({ credentials: {} }), key: "objectStorage.credentials.name", expects: /required|Secret/ },
    { why: "a Secret key with a space", overrides: with_({ credentials: { name: "s3", accessKeyIdKey: "access key" } }), key: "objectStorage.credentials.accessKeyIdKey", expects: /Secret data key/ },
    { why: "an access key in the config", overrides: with_({ accessKey: "AKIAEXAMPLE" }), key: "objectStorage.accessKey", expects: /unknown key/ },
    { why: "insecure as a string", overrides: with_({ insecure: "yes" }), key: "objectStorage.insecure", expects: /true or false/ },
    { why: "a CA bundle with insecure: true (plain HTTP has no certificate to verify)", overrides: with_({ insecure: true, caBundle: { name: "object-store-ca", key: "ca.crt" } }), key: "objectStorage.caBundle", expects: /expected insecure: false with caBundle/ },
    { why: "a CA bundle without its ConfigMap key", overrides: with_({ caBundle: { name: "object-store-ca" } }), key: "objectStorage.caBundle.key", expects: /required|ConfigMap data key/ },
    { why: "a CA bundle ConfigMap name with capitals", overrides: with_({ caBundle: { name: "Store-CA", key: "ca.crt" } }), key: "objectStorage.caBundle.name", expects: /ConfigMap name such as object-store-ca/ },
    { why: "a CA bundle key with a slash", overrides: with_({ caBundle: { name: "object-store-ca", key: "certs/ca.crt" } }), key: "objectStorage.caBundle.key", expects: /ConfigMap data key such as ca\.crt/ },
    { why: "the PEM itself instead of a ConfigMap reference", overrides: with_({ caBundle: "-----BEGIN CERTIFICATE-----" }), key: "objectStorage.caBundle", expects: /object/ },
    { why: "a CA file path, which the pods would not have", overrides: with_({ caFile: "/etc/ssl/store-ca.pem" }), key: "objectStorage.caFile", expects: /private CA for the store is objectStorage\.caBundle \{name, key\}: a ConfigMap/ },
    { why: "a CA bundle with an unknown key", overrides: with_({ caBundle: { name: "object-store-ca", key: "ca.crt", namespace: "certs" } }), key: "objectStorage.caBundle.namespace", expects: /unknown key/ },
    { why: "a raw retention under the compactor's 40h", overrides: retention({ raw: "1d" }), key: "prometheus.longTerm.retention.raw", expects: /at least 40h/ },
    { why: "a 5m retention under 10 days", overrides: retention({ raw: "2d", fiveMinutes: "5d" }), key: "prometheus.longTerm.retention.fiveMinutes", expects: /at least 10d/ },
    { why: "a 5m retention below raw", overrides: retention({ raw: "90d", fiveMinutes: "30d" }), key: "prometheus.longTerm.retention.fiveMinutes", expects: /at least retention\.raw \(90d\)/ },
    { why: "a 1h retention below 5m", overrides: retention({ fiveMinutes: "365d", oneHour: "180d" }), key: "prometheus.longTerm.retention.oneHour", expects: /at least retention\.fiveMinutes/ },
    { why: "a zero retention (forever is not offered)", overrides: retention({ oneHour: "0d" }), key: "prometheus.longTerm.retention.oneHour", expects: /above zero/ },
    { why: "zero store gateways", overrides: { ...LONG_TERM, prometheus: { longTerm: { enabled: true, storeGateway: { replicas: 0 } } } }, key: "prometheus.longTerm.storeGateway.replicas", expects: /at least 1/ },
    { why: "compactor replicas (there is exactly one)", overrides: { ...LONG_TERM, prometheus: { longTerm: { enabled: true, compactor: { replicas: 2 } } } }, key: "prometheus.longTerm.compactor.replicas", expects: /unknown key/ },
    { why: "a remote-write URL without a scheme", overrides: remote({ url: "mimir.example.internal/api/v1/push" }), key: "prometheus.remoteWrite.0.url", expects: /http:\/\/ or https:\/\// },
    { why: "a remote-write password in the config", overrides: remote({ basicAuth: { username: { name: "mimir", key: "user" }, password: "hunter2" } }), key: "prometheus.remoteWrite.0.basicAuth.password", expects: /^(?!.*hunter2).*expected a YAML object \(got a value not shown: it is a secret\)/ },
    { why: "a secret key under objectStorage", overrides: with_({ secretKey: "abc" }), key: "objectStorage.secretKey", expects: /credentials names/ },
    { why: "basic auth and a bearer token at once", overrides: remote({ basicAuth: { username: { name: "m", key: "u" }, password: { name: "m", key: "p" } }, bearerToken: { name: "m", key: "t" } }), key: "prometheus.remoteWrite.0.bearerToken", expects: /not both/ },
    { why: "an unknown tenant header", overrides: remote({ tenantHeader: { name: "X-Tenant", value: "prod" } }), key: "prometheus.remoteWrite.0.tenantHeader.name", expects: /X-Scope-OrgID or THANOS-TENANT/ },
    { why: "two remote-write targets with one name", overrides: { prometheus: { remoteWrite: [{ name: "mimir", url: "https://a.example/push" }, { name: "mimir", url: "https://b.example/push" }] } }, key: "prometheus.remoteWrite.1.name", expects: /unique/ },
    { why: "an unknown Loki mode", overrides: { loki: { mode: "simple-scalable" } }, key: "loki.mode", expects: /monolithic, distributed/ },
    { why: "two Loki compactors", overrides: { objectStorage: STORE, loki: { mode: "distributed", distributed: { compactor: { replicas: 2 } } } }, key: "loki.distributed.compactor.replicas", expects: /exactly 1/ },
    { why: "a volume on a stateless Loki component", overrides: { loki: { distributed: { querier: { volumeSize: "10Gi" } } } }, key: "loki.distributed.querier.volumeSize", expects: /unknown key/ },
    { why: "an ingester volume without a unit", overrides: { loki: { distributed: { ingester: { volumeSize: "fifty" } } } }, key: "loki.distributed.ingester.volumeSize", expects: /quantity such as 100Gi/ },
    { why: "an unknown Loki component", overrides: { loki: { distributed: { backend: { replicas: 1 } } } }, key: "loki.distributed.backend", expects: /unknown key/ },
];

describe("config: object storage, long-term metrics, remote write and Loki's mode", () => {
    for (const c of BAD) {
        it(`refuses ${c.why}, naming ${c.key}`, () => {
            assert.match(configProblem(c.overrides, c.key, c.stack), c.expects);
        });
    }

    it("fills the object store's defaults: path style over TLS, AWS-style key names", () => {
        const store = stackConfig("dev", LONG_TERM).objectStorage;
        assert.deepStrictEqual(store, {
            ...STORE,
            region: "us-east-1",
            insecure: false,
            pathStyle: true,
            credentials: { name: "object-store-credentials", accessKeyIdKey: "AWS_ACCESS_KEY_ID", secretAccessKeyKey: "AWS_SECRET_ACCESS_KEY" },
        });
    });

    it("accepts a private CA as a ConfigMap key, over TLS, and leaves it unset by default", () => {
        const caBundle = { name: "object-store-ca", key: "ca-bundle.pem" };
        assert.deepStrictEqual(stackConfig("prod", with_({ caBundle })).objectStorage?.caBundle, caBundle);
        assert.strictEqual(stackConfig("prod", LONG_TERM).objectStorage?.caBundle, undefined);
    });

    it("reports caBundle with insecure: true beside a problem elsewhere in objectStorage", () => {
        try {
            stackConfig("dev", with_({ insecure: true, caBundle: { name: "object-store-ca", key: "ca.crt" }, region: "EU West" }));
            assert.fail("accepted");
        } catch (error) {
            assert.ok(error instanceof ConfigError);
            assert.ok(error.problems.some((p) => p.includes("objectStorage.caBundle") && p.includes("insecure: false")), error.problems.join("\n"));
            assert.ok(error.problems.some((p) => p.includes("objectStorage.region")), error.problems.join("\n"));
        }
    });

    it("leaves the object store unset, long-term metrics off, remote write empty and Loki monolithic by default", () => {
        for (const stack of ["dev", "prod"]) {
            const c = stackConfig(stack);
            assert.strictEqual(c.objectStorage, undefined);
            assert.strictEqual(c.prometheus.longTerm.enabled, false);
            assert.deepStrictEqual(c.prometheus.remoteWrite, []);
            assert.strictEqual(c.loki.mode, "monolithic");
        }
    });

    it("accepts both features on prod with its preset: retention per resolution, replicas, one Loki compactor", () => {
        const c = stackConfig("prod", { ...LONG_TERM, loki: { mode: "distributed" } });
        assert.deepStrictEqual(c.prometheus.longTerm.retention, { raw: "90d", fiveMinutes: "365d", oneHour: "730d" });
        assert.strictEqual(c.prometheus.longTerm.storeGateway.replicas, 2);
        assert.strictEqual(c.loki.distributed.ingester.replicas, 3);
        assert.strictEqual(c.loki.distributed.compactor.replicas, 1);
    });

    it("accepts the shortest retentions the compactor takes", () => {
        const c = stackConfig("dev", retention({ raw: "40h", fiveMinutes: "10d", oneHour: "10d" }));
        assert.strictEqual(c.prometheus.longTerm.retention.raw, "40h");
    });

    it("accepts remote write with Secret references and a tenant header", () => {
        const target = { name: "mimir", url: "https://mimir.example.internal/api/v1/push", basicAuth: { username: { name: "mimir", key: "user" }, password: { name: "mimir", key: "password" } }, tenantHeader: { name: "X-Scope-OrgID", value: "prod-eu-1" } };
        assert.deepStrictEqual(stackConfig("prod", { prometheus: { remoteWrite: [target] } }).prometheus.remoteWrite, [target]);
    });

    it("reports an object-store problem beside problems elsewhere", () => {
        try {
            stackConfig("dev", { ...with_({ endpoint: "http://x" }), grafana: { adminUser: "a b" } });
            assert.fail("accepted");
        } catch (error) {
            assert.ok(error instanceof ConfigError);
            assert.ok(error.problems.some((p) => p.includes("objectStorage.endpoint")));
            assert.ok(error.problems.some((p) => p.includes("grafana.adminUser")));
        }
    });
});
