/**
 * A local S3-compatible store for the long-term metrics check: versitygw's posix backend over a
 * temporary directory, on 127.0.0.1, with root credentials the test generates. The test talks to
 * it through the S3 API itself (Signature V4, path-style), as Thanos does, so what the test
 * lists is what any S3 client would see. With `tls`, the store serves HTTPS with a certificate
 * the test signs, and the test's own client trusts only that CA.
 */
import { createHash, createHmac } from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { Daemon } from "./daemon";
import { TOOLS, waitFor } from "./tools";

/** The access key pair the store's root account accepts (what the credentials Secret holds). */
export interface S3Credentials {
    accessKeyId: string;
    secretAccessKey: string;
}

export interface S3Store {
    daemon: Daemon;
    /** host:port, the form objectStorage.endpoint takes. */
    endpoint: string;
    region: string;
    credentials: S3Credentials;
    /** PEM of the CA that signed the store's certificate when it serves HTTPS; plain HTTP otherwise. */
    ca?: string;
}

/** The store's certificate and key files, and the PEM of the CA that signed the certificate. */
export interface S3Tls {
    certFile: string;
    keyFile: string;
    ca: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
/** RFC 3986 encoding, as Signature V4 canonicalizes query strings. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * One S3 request signed with Signature V4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html),
 * path-style: `key` is "" for the service, "bucket" or "bucket/object". Answers status and body.
 */
export async function s3Request(store: S3Store, method: string, key: string, query: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    const now = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const day = now.slice(0, 8);
    const uri = `/${key.split("/").map(encode).join("/")}`;
    const qs = Object.keys(query).sort().map((k) => `${encode(k)}=${encode(query[k])}`).join("&");
    const payloadHash = sha256("");
    const headers: Record<string, string> = { host: store.endpoint, "x-amz-content-sha256": payloadHash, "x-amz-date": now };
    const signed = Object.keys(headers).sort();
    const canonical = [method, uri, qs, ...signed.map((h) => `${h}:${headers[h]}`), "", signed.join(";"), payloadHash].join("\n");
    const scope = `${day}/${store.region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", now, scope, sha256(canonical)].join("\n");
    const signingKey = ["s3", "aws4_request"].reduce(hmac, hmac(hmac(`AWS4${store.credentials.secretAccessKey}`, day), store.region));
    const signature = createHmac("sha256", signingKey).update(toSign).digest("hex");
    const authorization = `AWS4-HMAC-SHA256 Credential=${store.credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
    return send(store, method, `${uri}${qs === "" ? "" : `?${qs}`}`, { ...headers, authorization });
}

/**
 * One request to the store. Through node's http/https modules rather than fetch: node 20's fetch
 * takes no CA of its own, and https.request's `ca` replaces the default roots for this request,
 * as the store's clients do with their ca_file.
 */
function send(store: S3Store, method: string, pathAndQuery: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    const [host, port] = [store.endpoint.slice(0, store.endpoint.lastIndexOf(":")), Number(store.endpoint.slice(store.endpoint.lastIndexOf(":") + 1))];
    const options = { host, port, method, path: pathAndQuery, headers, timeout: 5_000 };
    return new Promise((resolve, reject) => {
        const onResponse = (res: http.IncomingMessage) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
        };
        const req = store.ca === undefined ? http.request(options, onResponse) : https.request({ ...options, ca: store.ca }, onResponse);
        req.on("timeout", () => req.destroy(new Error(`S3 ${method} ${pathAndQuery}: no answer in 5s`)));
        req.on("error", reject);
        req.end();
    });
}

async function s3Ok(store: S3Store, method: string, key: string, query: Record<string, string> = {}): Promise<string> {
    const { status, body } = await s3Request(store, method, key, query);
    if (status < 200 || status > 299) {
        throw new Error(`S3 ${method} /${key}: ${status} ${body}`);
    }
    return body;
}

/**
 * Starts versitygw (posix backend over `dir/data`) on 127.0.0.1:`port` and waits until it
 * answers signed requests; over HTTPS with `tls` (versitygw's global --cert and --key).
 */
export async function startS3Store(dir: string, port: number, region: string, credentials: S3Credentials, tls?: S3Tls): Promise<S3Store> {
    const root = path.join(dir, "data");
    fs.mkdirSync(root, { recursive: true });
    const tlsArgs = tls === undefined ? [] : ["--cert", tls.certFile, "--key", tls.keyFile];
    // The root account's keys go through versitygw's environment (ROOT_ACCESS_KEY_ID and
    // ROOT_SECRET_ACCESS_KEY, cmd/versitygw/main.go), not its command line, which `ps` shows.
    const daemon = new Daemon("versitygw", TOOLS.versitygw, ["--port", `127.0.0.1:${port}`, "--region", region, ...tlsArgs, "posix", root], path.join(dir, "versitygw.log"), {
        ROOT_ACCESS_KEY_ID: credentials.accessKeyId,
        ROOT_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    const store: S3Store = { daemon, endpoint: `127.0.0.1:${port}`, region, credentials, ...(tls === undefined ? {} : { ca: tls.ca }) };
    try {
        await waitFor("versitygw to answer ListBuckets", async () => {
            if (!daemon.running) {
                throw new Error("versitygw exited");
            }
            return (await s3Ok(store, "GET", "")) !== undefined ? true : undefined;
        }, 30_000);
    } catch (error) {
        await daemon.stop();
        throw new Error(`${String(error)}\nversitygw log:\n${daemon.logTail()}`);
    }
    return store;
}

export async function createBucket(store: S3Store, bucket: string): Promise<void> {
    await s3Ok(store, "PUT", bucket);
}

/** Every object key in `bucket` (ListObjectsV2, following continuation tokens). */
export async function listKeys(store: S3Store, bucket: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
        const body = await s3Ok(store, "GET", bucket, { "list-type": "2", ...(token === undefined ? {} : { "continuation-token": token }) });
        keys.push(...[...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1])));
        token = /<IsTruncated>true<\/IsTruncated>/.test(body) ? unescapeXml(/<NextContinuationToken>([^<]*)</.exec(body)?.[1] ?? "") : undefined;
    } while (token !== undefined && token !== "");
    return keys;
}

export async function getObject(store: S3Store, bucket: string, key: string): Promise<string> {
    return s3Ok(store, "GET", `${bucket}/${key}`);
}

function unescapeXml(s: string): string {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
