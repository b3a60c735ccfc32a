import * as assert from "assert";
import { objectStoreKeysByReference } from "../../policies/object-store-keys-by-reference";
import { distributedLokiConfig, lokiConfigSecret, thanosObjstoreSecret, withField } from "../fixtures/policies/objects";
import { previewPolicy, secret, UNKNOWN } from "./engine";
import { checkResource } from "./harness";

describe("policy object-store-keys-by-reference", () => {
    it("passes the program's objstore Secret, which names the endpoint and bucket only", async () => {
        assert.deepStrictEqual(await checkResource(objectStoreKeysByReference, thanosObjstoreSecret()), []);
        assert.deepStrictEqual(await checkResource(objectStoreKeysByReference, lokiConfigSecret(distributedLokiConfig())), []);
    });

    it("rejects access_key and secret_key in the objstore config, where the state and the Secret's readers see them", async () => {
        const messages = await checkResource(objectStoreKeysByReference, thanosObjstoreSecret({ access_key: "AKIA0000", secret_key: "abc/def" }));
        assert.deepStrictEqual(messages.map((m) => m.split(";")[0]), [
            "Secret thanos-objstore holds an object-store key in objstore.yml at config.access_key",
            "Secret thanos-objstore holds an object-store key in objstore.yml at config.secret_key",
        ]);
        assert.match(messages[0], /from the credentials Secret by valueFrom\.secretKeyRef \(observability:objectStorage\.credentials\)\.$/);
    });

    it("rejects the key pair in a Loki config kept in a Secret, also base64-encoded as the chart renders it", async () => {
        const config = distributedLokiConfig();
        config.common.storage.s3 = { ...config.common.storage.s3, access_key_id: "AKIA0000", secret_access_key: "abc/def" };
        const messages = await checkResource(objectStoreKeysByReference, lokiConfigSecret(config));
        assert.deepStrictEqual(messages.map((m) => m.match(/ at (\S+);/)?.[1]), ["common.storage.s3.access_key_id", "common.storage.s3.secret_access_key"]);
    });

    it("accepts environment references in the config and ignores other Secrets", async () => {
        assert.deepStrictEqual(await checkResource(objectStoreKeysByReference, thanosObjstoreSecret({ secret_key: "${AWS_SECRET_ACCESS_KEY}" })), []);
        const other = withField(thanosObjstoreSecret(), "props.stringData", { "password": "hunter2" });
        assert.deepStrictEqual(await checkResource(objectStoreKeysByReference, other), []);
    });

    it("neither skips nor reports a Secret whose unrelated entry a preview does not know, and reports an unknown objstore.yml", async () => {
        const unrelated = withField(thanosObjstoreSecret(), "props.stringData.password", secret(UNKNOWN));
        assert.deepStrictEqual(await previewPolicy(objectStoreKeysByReference, unrelated), []);
        const unknown = thanosObjstoreSecret();
        unknown.props.stringData["objstore.yml"] = UNKNOWN;
        const diagnostics = await previewPolicy(objectStoreKeysByReference, unknown);
        assert.deepStrictEqual(diagnostics.map((d) => [d.skipped, d.message.split(" (it is")[0]]), [[false, 'Secret thanos-objstore stringData["objstore.yml"] is not known during preview']]);
    });
});
