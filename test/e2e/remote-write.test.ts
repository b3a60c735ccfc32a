/**
 * `prometheus.remoteWrite` with the real binaries: the Prometheus object kube-prometheus-stack
 * renders from the program's values, turned into the remote_write section the Prometheus
 * Operator generates (operator-remote-write.ts, held to the real operator by the cluster tier),
 * run by two Prometheus 3.14 replicas that send to a real Thanos Receive through two targets, one
 * behind a basic-auth gateway and one behind a bearer-token gateway. What arrives is what a
 * site's receiver gets: the credentials from the Secret, the tenant from the header, and the
 * labels its HA deduplication needs.
 */
import * as assert from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { RELEASES } from "../../components/builders/endpoints";
import { kubePrometheusValues } from "../../components/builders/kube-prometheus-values";
import type { StackConfig } from "../../components/schema";
import { CHARTS } from "../../components/versions";
import { stackConfig } from "../helpers/config";
import { AuthGateway, basicAuthorization } from "./helpers/auth-gateway";
import { Daemon } from "./helpers/daemon";
import { FakeTarget } from "./helpers/fake-target";
import { remoteWriteConfig, type RemoteWriteSpec, type Secrets } from "./helpers/operator-remote-write";
import { externalLabels, podNames, type PrometheusObject } from "./helpers/operator-thanos";
import { chartRenderingMissing, renderRelease } from "./helpers/pod-spec";
import { waitReady } from "./helpers/stack-processes";
import { startThanos } from "./helpers/thanos-processes";
import { finishDir, freePort, httpText, missingTools, run, tempDir, TOOLS, waitFor } from "./helpers/tools";

const CREDENTIALS_SECRET = "remote-write-credentials";
/** One target per way of authenticating, each its own tenant, so the receiver keeps them apart. */
const TENANTS = { basicAuth: "prod-eu-1", bearerToken: "prod-eu-1-token" } as const;
/** Receive's default label for the tenant of a write (--receive.tenant-label-name). */
const TENANT_LABEL = "tenant_id";
const METRIC = "e2e_fake_target";

interface LabelSets {
    metric: Record<string, string>;
}

async function querySeries(port: number, dedup: boolean): Promise<Record<string, string>[]> {
    const q = new URLSearchParams({ query: METRIC, dedup: String(dedup) });
    const body = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v1/query?${q}`));
    return (body.data.result as LabelSets[]).map((r) => r.metric);
}

describe("remote write: two replicas to a Thanos Receive, as the operator configures them from the program's values", function () {
    this.timeout(300_000);
    const username = "prometheus-prod";
    const password = randomBytes(24).toString("base64url");
    const token = randomBytes(32).toString("hex");
    const secrets = { [CREDENTIALS_SECRET]: { username, password, token } };
    let dir: string | undefined;
    let config: StackConfig;
    let prometheus: PrometheusObject;
    const gateways: Record<keyof typeof TENANTS, AuthGateway | undefined> = { basicAuth: undefined, bearerToken: undefined };
    let target: FakeTarget | undefined;
    const daemons: Daemon[] = [];
    let queryPort: number;

    before(async function () {
        const missing = [...missingTools("thanos", "prometheus", "promtool"), chartRenderingMissing(CHARTS.kubePrometheusStack)].filter((m) => m !== undefined);
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("remote-write");
        const ports = { basicAuth: await freePort(), bearerToken: await freePort() };
        const url = (port: number) => `http://127.0.0.1:${port}/api/v1/receive`;
        config = stackConfig("prod", {
            prometheus: {
                remoteWrite: [{
                    name: "receive",
                    url: url(ports.basicAuth),
                    basicAuth: { username: { name: CREDENTIALS_SECRET, key: "username" }, password: { name: CREDENTIALS_SECRET, key: "password" } },
                    tenantHeader: { name: "THANOS-TENANT", value: TENANTS.basicAuth },
                }, {
                    name: "receive-token",
                    url: url(ports.bearerToken),
                    bearerToken: { name: CREDENTIALS_SECRET, key: "token" },
                    tenantHeader: { name: "THANOS-TENANT", value: TENANTS.bearerToken },
                }],
            },
        });
        const kps = renderRelease(CHARTS.kubePrometheusStack, RELEASES.kubePrometheusStack, config.namespace, kubePrometheusValues(config));
        prometheus = kps.find((o) => o.kind === "Prometheus") as PrometheusObject;
        assert.ok(prometheus, "kube-prometheus-stack rendered no Prometheus object");

        const [receiveGrpc, receiveHttp, receiveWrite] = [await freePort(), await freePort(), await freePort()];
        // The receiver as a site runs it: its own replica label, the tenant header Thanos reads by
        // default; it is the user's, not the program's, so these flags are the test's choice.
        daemons.push(await startThanos("receive", [
            "receive", `--tsdb.path=${path.join(dir, "receive")}`, `--grpc-address=127.0.0.1:${receiveGrpc}`, `--http-address=127.0.0.1:${receiveHttp}`,
            `--remote-write.address=127.0.0.1:${receiveWrite}`, '--label=receive_replica="0"', "--receive.tenant-header=THANOS-TENANT", `--receive.tenant-label-name=${TENANT_LABEL}`,
        ], { HOME: dir }, dir, receiveHttp));
        gateways.basicAuth = new AuthGateway(ports.basicAuth, basicAuthorization(username, password), receiveWrite);
        gateways.bearerToken = new AuthGateway(ports.bearerToken, `Bearer ${token}`, receiveWrite);
        await Promise.all(Object.values(gateways).map((g) => g!.start()));
        // The user's Query over the receiver, deduplicating on the replica label the operator sets.
        queryPort = await freePort();
        const replicaLabel = prometheus.spec.replicaExternalLabelName ?? "prometheus_replica";
        daemons.push(await startThanos("query", [
            "query", `--http-address=127.0.0.1:${queryPort}`, `--grpc-address=127.0.0.1:${await freePort()}`,
            `--endpoint=127.0.0.1:${receiveGrpc}`, `--query.replica-label=${replicaLabel}`,
        ], { HOME: dir }, dir, queryPort));
        target = new FakeTarget(await freePort());
        await target.start();
    });

    after(async () => {
        await Promise.all(daemons.map((d) => d.stop()));
        await Promise.all(Object.values(gateways).map((g) => g?.stop()));
        await target?.stop();
        finishDir(dir);
    });

    const specsOf = (p: PrometheusObject) => (p.spec as { remoteWrite?: RemoteWriteSpec[] }).remoteWrite ?? [];

    /** The configuration file the operator would generate for one replica from `withSecrets`, with a scrape job of its own. */
    function replicaConfig(pod: string, withSecrets: Secrets = secrets): string {
        const doc = {
            global: { scrape_interval: "1s", external_labels: externalLabels(prometheus, pod) },
            scrape_configs: [{ job_name: "probe", static_configs: [{ targets: [`127.0.0.1:${target!.port}`] }] }],
            remote_write: remoteWriteConfig(specsOf(prometheus), withSecrets),
        };
        const file = path.join(dir!, pod, "prometheus.yml");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, YAML.stringify(doc), { mode: 0o600 });
        return file;
    }

    /** One replica running that configuration; answers its web port. */
    async function startReplica(pod: string, withSecrets: Secrets = secrets): Promise<number> {
        const port = await freePort();
        const d = new Daemon(pod, TOOLS.prometheus, [
            `--config.file=${replicaConfig(pod, withSecrets)}`, `--storage.tsdb.path=${path.join(dir!, pod, "data")}`, `--web.listen-address=127.0.0.1:${port}`,
        ], path.join(dir!, pod, "prometheus.log"));
        daemons.push(d);
        await waitReady(d, `http://127.0.0.1:${port}/-/ready`);
        return port;
    }

    it("keeps the credentials out of the Prometheus object: it names the Secret, and promtool accepts the configuration the operator makes of it", async () => {
        const text = JSON.stringify(prometheus);
        assert.ok(!text.includes(password) && !text.includes(token), "a credential is in the Prometheus object");
        assert.deepStrictEqual(specsOf(prometheus).map((s) => [s.basicAuth?.password, s.authorization?.credentials]), [
            [{ name: CREDENTIALS_SECRET, key: "password" }, undefined],
            [undefined, { name: CREDENTIALS_SECRET, key: "token" }],
        ]);
        const r = await run(TOOLS.promtool, ["check", "config", replicaConfig(podNames(prometheus)[0])]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    });

    it("sends both replicas' samples to each target with the Secret's credentials and its tenant header; the receiver files them under the tenant", async () => {
        for (const pod of podNames(prometheus)) {
            await startReplica(pod);
        }
        assert.strictEqual(podNames(prometheus).length, 2, "the prod stack runs two Prometheus replicas");
        const tenants = Object.values(TENANTS);
        const series = await waitFor("both replicas' series under both tenants", async () => {
            const found = await querySeries(queryPort, false);
            return found.length === 2 * tenants.length ? found : undefined;
        }, 120_000, 1_000);
        for (const [how, g] of Object.entries(gateways)) {
            assert.strictEqual(g!.refused, 0, `the ${how} gateway refused a request: the credentials did not match the Secret`);
            assert.ok(g!.accepted.length > 0 && g!.accepted.every((r) => r.headers["thanos-tenant"] === TENANTS[how as keyof typeof TENANTS]), `${how} tenant headers: ${g!.accepted.map((r) => r.headers["thanos-tenant"])}`);
        }
        for (const tenant of tenants) {
            const mine = series.filter((s) => s[TENANT_LABEL] === tenant);
            assert.deepStrictEqual(mine.map((s) => s.prometheus_replica).sort(), podNames(prometheus).sort(), `tenant ${tenant} holds each replica's series: ${JSON.stringify(series)}`);
            for (const s of mine) {
                assert.strictEqual(s.cluster, config.cluster.name);
                assert.strictEqual(s.environment, config.environment);
            }
        }
    });

    it("lets the receiver's query deduplicate the replicas on the replica label", async () => {
        const merged = await querySeries(queryPort, true);
        assert.deepStrictEqual(merged.map((m) => m[TENANT_LABEL]).sort(), Object.values(TENANTS).sort(), `dedup leaves one series per tenant: ${JSON.stringify(merged)}`);
        assert.ok(merged.every((m) => m.prometheus_replica === undefined));
    });

    it("is refused by the receiver's gateway when the Secret's password is not the one it expects: nothing arrives", async () => {
        const before = gateways.basicAuth!.refused;
        const port = await startReplica("prometheus-wrong-0", { [CREDENTIALS_SECRET]: { username, password: `${password}-old`, token } });
        await waitFor("the gateway to refuse the wrong password", () => (gateways.basicAuth!.refused > before ? true : undefined), 60_000, 500);
        // A 401 is not retried: Prometheus drops the samples and counts them as failed.
        const failed = await waitFor("failed samples counted", async () => {
            const m = /^prometheus_remote_storage_samples_failed_total\{[^}]*remote_name="receive"[^}]*\} (\S+)$/m.exec(await httpText(`http://127.0.0.1:${port}/metrics`));
            return m !== null && Number(m[1]) > 0 ? Number(m[1]) : undefined;
        }, 60_000, 1_000);
        assert.ok(failed > 0);
        const series = await querySeries(queryPort, false);
        const arrived = series.filter((s) => s.prometheus_replica === "prometheus-wrong-0").map((s) => s[TENANT_LABEL]);
        assert.deepStrictEqual(arrived.filter((t) => t === TENANTS.basicAuth), [], "samples sent with the wrong password reached the receiver");
    });
});
