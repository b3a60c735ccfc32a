/**
 * How Thanos and Loki reach the object store. The credentials never enter a config file: both
 * clients fall back to the AWS environment variables when the file has no keys (Thanos' objstore
 * S3 provider chains credentials.EnvAWS first when access_key is empty, providers/s3/s3.go; Loki's
 * S3 client uses the AWS SDK's default chain), and every container that talks to the store gets
 * those variables from the Secret the stack names.
 */
import * as YAML from "yaml";
import type { ObjectStorageConfig } from "../schema";
import { S3_ACCESS_KEY_ENV, S3_SECRET_KEY_ENV } from "../schema/object-storage";
import { objectStoreCaFile } from "./object-store-ca";

/** The Secret (no credentials in it) that holds the Thanos objstore config, and its key. */
export const THANOS_OBJSTORE_SECRET = { name: "thanos-objstore", key: "objstore.yml" } as const;

/** Container env that carries the access key pair from the credentials Secret. */
export function s3CredentialEnv(store: ObjectStorageConfig): Record<string, unknown>[] {
    const ref = store.credentials;
    return [
        { name: S3_ACCESS_KEY_ENV, valueFrom: { secretKeyRef: { name: ref.name, key: ref.accessKeyIdKey } } },
        { name: S3_SECRET_KEY_ENV, valueFrom: { secretKeyRef: { name: ref.name, key: ref.secretAccessKeyKey } } },
    ];
}

/**
 * Thanos' objstore config for one bucket (https://thanos.io/tip/thanos/storage.md/#s3), without
 * keys. With a private CA, `http_config.tls_config.ca_file` names the mounted bundle: objstore's
 * S3 Config carries exthttp.HTTPConfig as `http_config`, whose TLSConfig reads `ca_file`
 * (github.com/thanos-io/objstore providers/s3/s3.go and exthttp/tlsconfig.go, the version
 * Thanos v0.42 requires). The bundle replaces the system roots rather than adding to them
 * (exthttp updateRootCA), and the other http_config fields keep their defaults, because the
 * file is unmarshalled over DefaultConfig (parseConfig).
 */
export function thanosObjstoreConfig(store: ObjectStorageConfig, bucket: string): string {
    const caFile = objectStoreCaFile(store);
    return YAML.stringify({
        type: "S3",
        config: {
            bucket,
            endpoint: store.endpoint,
            region: store.region,
            insecure: store.insecure,
            bucket_lookup_type: store.pathStyle ? "path" : "virtual-hosted",
            ...(caFile === undefined ? {} : { http_config: { tls_config: { ca_file: caFile } } }),
        },
    });
}
