/**
 * Tier 3: objectStorage.caBundle rendered, with long-term metrics and distributed Loki on the
 * same store. Every container that gets the store's keys (so opens the bucket) mounts the CA
 * from the site's ConfigMap where the Thanos objstore file and Loki's config say it is, and the
 * pack finds nothing mandatory. No Loki binary is among the e2e tier's tools, so for Loki this
 * rendering is the proof; Thanos reads a TLS store with the CA in test/e2e/thanos-tls.test.ts.
 *   PATH=/path/to/helm:$PATH CHART_MIRROR=/path/to/charts npm run test:render
 */
import * as assert from "assert";
import * as path from "path";
import * as YAML from "yaml";
import { THANOS_OBJSTORE_SECRET } from "../../components/builders/object-storage";
import { LONG_TERM_AND_DISTRIBUTED } from "../helpers/object-storage";
import { mandatory, PolicyObject } from "../policies/harness";
import { helmVersion } from "./helm";
import { renderStack, StackRender } from "./stack";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CA = { name: "object-store-ca", key: "ca-bundle.pem" };
const OVERRIDES = { ...LONG_TERM_AND_DISTRIBUTED, objectStorage: { ...(LONG_TERM_AND_DISTRIBUTED.objectStorage as object), caBundle: CA } };

/** A pod spec's containers and volumes, for workloads and for the Prometheus CR (whose `containers` patch the operator's). */
function pods(objects: PolicyObject[]): { owner: string; containers: any[]; volumes: any[] }[] {
    return objects.flatMap((o) => {
        const p = o.props as any;
        const spec = o.type.endsWith(":Prometheus") ? p.spec : (p.spec?.template?.spec ?? p.spec?.jobTemplate?.spec?.template?.spec);
        if (spec?.containers === undefined) {
            return [];
        }
        return [{ owner: `${o.type.split(":").pop()} ${p.metadata?.name}`, containers: [...(spec.initContainers ?? []), ...spec.containers], volumes: spec.volumes ?? [] }];
    });
}

/** The text of a ConfigMap's key, or of a Secret's (stringData as the program gives it, data as a chart renders it). */
function dataOf(o: any, key: string): string | undefined {
    if (o.kind === "ConfigMap") {
        return o.data?.[key];
    }
    if (o.kind === "Secret") {
        return o.stringData?.[key] ?? (o.data?.[key] === undefined ? undefined : Buffer.from(o.data[key], "base64").toString("utf8"));
    }
    return undefined;
}

for (const stack of ["dev", "prod"]) {
    describe(`a store behind a private CA, rendered in the ${stack} stack`, function () {
        let r: StackRender;
        before(async function () {
            if (helmVersion() === undefined) {
                console.log("    skipped: no helm on PATH (install helm, or PATH=/path/to/helm:$PATH)");
                this.skip();
            }
            const rendered = await renderStack(stack, OVERRIDES);
            if (typeof rendered === "string") {
                console.log(`    skipped: ${rendered}`);
                this.skip();
            }
            r = rendered as StackRender;
        });

        /** The file the objstore config trusts: the one path every mount must provide. */
        const objstoreCaFile = (): string => {
            const secret = r.objects.find((o) => o.type.endsWith(":Secret") && (o.props as any).metadata?.name === THANOS_OBJSTORE_SECRET.name)!.props as any;
            return YAML.parse(dataOf(secret, THANOS_OBJSTORE_SECRET.key)!).config.http_config.tls_config.ca_file;
        };

        it("passes the pack with no mandatory violation", () => {
            assert.deepStrictEqual(mandatory(r.violations).map((v) => `${v.policy}: ${v.message}`), []);
        });

        it("points Loki's S3 client at the same file as Thanos' objstore config", () => {
            const caFile = objstoreCaFile();
            assert.match(caFile, /^\/.+\.crt$/);
            const configs = r.objects
                .map((o) => dataOf(o.props, "config.yaml"))
                .filter((t): t is string => t !== undefined && /schema_config/.test(t))
                .map((t) => YAML.parse(t));
            assert.strictEqual(configs.length, 1, "one Loki config");
            assert.strictEqual(configs[0].common.storage.s3.http_config.ca_file, caFile);
            assert.strictEqual(configs[0].common.storage.s3.insecure, false);
        });

        it("mounts the CA, from the ConfigMap's key, in every container that gets the store's keys", () => {
            const caFile = objstoreCaFile();
            const opening = pods(r.objects).flatMap((p) => p.containers.filter((c) => (c.env ?? []).some((e: any) => e.name === "AWS_ACCESS_KEY_ID")).map((c) => ({ ...p, container: c })));
            const owners = opening.map((o) => `${o.owner}/${o.container.name}`).sort();
            // The sidecar, Thanos' Store Gateway and Compactor, and Loki's five store clients.
            assert.deepStrictEqual(owners, [
                "Deployment loki-querier/querier",
                "Prometheus kps-prometheus/thanos-sidecar",
                "StatefulSet loki-compactor/compactor",
                "StatefulSet loki-index-gateway/index-gateway",
                "StatefulSet loki-ingester/ingester",
                "StatefulSet loki-ruler/ruler",
                "StatefulSet thanos-compact/thanos-compact",
                "StatefulSet thanos-store-gateway/thanos-store-gateway",
            ]);
            for (const { owner, container, volumes } of opening) {
                const mount = (container.volumeMounts ?? []).find((m: any) => m.mountPath === path.dirname(caFile));
                assert.ok(mount !== undefined, `${owner}/${container.name} does not mount ${path.dirname(caFile)}: ${JSON.stringify(container.volumeMounts)}`);
                assert.strictEqual(mount.readOnly, true, `${owner}/${container.name}`);
                assert.strictEqual(mount.subPath, undefined, `${owner}/${container.name}: a subPath mount never sees a renewed bundle`);
                const volume = volumes.find((v: any) => v.name === mount.name);
                assert.deepStrictEqual(volume?.configMap, { name: CA.name, items: [{ key: CA.key, path: path.basename(caFile) }] }, `${owner}/${container.name}`);
            }
        });

        it("mounts it nowhere else: containers without the keys never open the bucket", () => {
            const others = pods(r.objects).flatMap((p) => p.containers
                .filter((c) => !(c.env ?? []).some((e: any) => e.name === "AWS_ACCESS_KEY_ID"))
                .filter((c) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === path.dirname(objstoreCaFile())))
                .map((c) => `${p.owner}/${c.name}`));
            assert.deepStrictEqual(others, []);
        });
    });
}
