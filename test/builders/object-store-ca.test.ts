/**
 * objectStorage.caBundle in every builder that opens the bucket: the Thanos objstore file and
 * Loki's S3 block name one file, and the sidecar, the Store Gateway, the Compactor and Loki's
 * store clients mount it from the site's ConfigMap; without caBundle none of it appears.
 */
import * as assert from "assert";
import * as YAML from "yaml";
import { STORE_CLIENTS } from "../../components/builders/loki/distributed";
import { lokiValues } from "../../components/builders/loki-values";
import { thanosObjstoreConfig } from "../../components/builders/object-storage";
import { OBJECT_STORE_CA_DIR, OBJECT_STORE_CA_FILE, OBJECT_STORE_CA_VOLUME, objectStoreCaFile } from "../../components/builders/object-store-ca";
import { prometheusValues } from "../../components/builders/prometheus-values";
import { thanosValues } from "../../components/builders/thanos-values";
import { LOKI_DISTRIBUTED_COMPONENTS } from "../../components/schema/object-storage";
import { stackConfig } from "../helpers/config";
import { LONG_TERM_AND_DISTRIBUTED } from "../helpers/object-storage";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CA = { name: "object-store-ca", key: "ca-bundle.pem" };
const withCa = (stack: string) => stackConfig(stack, { ...LONG_TERM_AND_DISTRIBUTED, objectStorage: { ...(LONG_TERM_AND_DISTRIBUTED.objectStorage as object), caBundle: CA } });
const withoutCa = (stack: string) => stackConfig(stack, LONG_TERM_AND_DISTRIBUTED);
const CA_PATH = `${OBJECT_STORE_CA_DIR}/${OBJECT_STORE_CA_FILE}`;
const VOLUME = { name: OBJECT_STORE_CA_VOLUME, configMap: { name: CA.name, items: [{ key: CA.key, path: OBJECT_STORE_CA_FILE }] } };
const MOUNT = { name: OBJECT_STORE_CA_VOLUME, mountPath: OBJECT_STORE_CA_DIR, readOnly: true };

/** Every place of `values` that mentions the CA volume, as dotted paths. */
function caPlaces(value: unknown, at = ""): string[] {
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => caPlaces(v, `${at}.${i}`));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => caPlaces(v, at === "" ? k : `${at}.${k}`));
    }
    return value === OBJECT_STORE_CA_VOLUME || value === CA_PATH ? [at] : [];
}

for (const stack of ["dev", "prod"]) {
    describe(`objectStorage.caBundle in the ${stack} builders`, () => {
        const config = withCa(stack);
        const store = config.objectStorage!;

        it("names one file under the fixed mount directory, whatever the ConfigMap's key", () => {
            assert.strictEqual(objectStoreCaFile(store), "/etc/observability/object-store-ca/ca.crt");
            assert.strictEqual(objectStoreCaFile(withoutCa(stack).objectStorage!), undefined);
        });

        it("points Thanos' objstore config at that file through http_config.tls_config.ca_file, over TLS", () => {
            const doc = YAML.parse(thanosObjstoreConfig(store, "thanos-metrics"));
            assert.deepStrictEqual(doc.config.http_config, { tls_config: { ca_file: CA_PATH } });
            assert.strictEqual(doc.config.insecure, false);
        });

        it("mounts it in the sidecar only, from a pod volume on the ConfigMap, beside the keys' env", () => {
            const spec = prometheusValues(config).prometheusSpec as any;
            assert.deepStrictEqual(spec.volumes, [VOLUME]);
            assert.strictEqual(spec.volumeMounts, undefined, "the Prometheus container never opens the bucket");
            const sidecar = spec.containers.find((c: any) => c.name === "thanos-sidecar");
            assert.deepStrictEqual(sidecar.volumeMounts, [MOUNT]);
            assert.deepStrictEqual(sidecar.env.map((e: any) => e.name), ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);
        });

        it("mounts it in the Store Gateway and the Compactor, and not in Query, which never opens the bucket", () => {
            const v = thanosValues(config) as any;
            for (const c of ["storeGateway", "compact"]) {
                assert.deepStrictEqual([v[c].extraVolumes, v[c].extraVolumeMounts], [[VOLUME], [MOUNT]], c);
            }
            assert.deepStrictEqual(caPlaces(v.query), []);
        });

        it("points Loki's S3 client at that file through http_config.ca_file and mounts it in exactly the store clients", () => {
            const v = lokiValues(config) as any;
            assert.deepStrictEqual(v.loki.storage.s3.http_config, { ca_file: CA_PATH });
            for (const c of LOKI_DISTRIBUTED_COMPONENTS) {
                const volumes = (v[c].extraVolumes ?? []).filter((x: any) => x.name === OBJECT_STORE_CA_VOLUME);
                const mounts = (v[c].extraVolumeMounts ?? []).filter((x: any) => x.name === OBJECT_STORE_CA_VOLUME);
                const expected = STORE_CLIENTS.includes(c) ? [[VOLUME], [MOUNT]] : [[], []];
                assert.deepStrictEqual([volumes, mounts], expected, c);
            }
        });

        it("keeps the ruler's rules volume beside the CA", () => {
            const ruler = (lokiValues(config) as any).ruler;
            assert.deepStrictEqual(ruler.extraVolumes.map((x: any) => x.name), ["rules", OBJECT_STORE_CA_VOLUME]);
            assert.deepStrictEqual(ruler.extraVolumeMounts.map((x: any) => x.name), ["rules", OBJECT_STORE_CA_VOLUME]);
        });

        it("adds nothing of it without caBundle: no volume, mount or ca_file anywhere", () => {
            const plain = withoutCa(stack);
            const docs = { prometheus: prometheusValues(plain), thanos: thanosValues(plain), loki: lokiValues(plain), objstore: YAML.parse(thanosObjstoreConfig(plain.objectStorage!, "thanos-metrics")) };
            assert.deepStrictEqual(caPlaces(docs), []);
            assert.doesNotMatch(JSON.stringify(docs), /http_config|ca_file/);
            const ruler = (docs.loki as any).ruler;
            assert.deepStrictEqual(ruler.extraVolumes.map((x: any) => x.name), ["rules"]);
        });
    });
}
