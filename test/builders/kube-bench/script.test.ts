import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { pushPath, REPORTER_ENV, reporterScript } from "../../../components/builders/kube-bench/script";

const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures", "kube-bench");

interface Received {
    method: string;
    url: string;
    contentType: string;
    body: string;
}

/** A local stand-in for the Pushgateway and Loki: records requests, answers `status`. */
async function fakeSinks(status: (url: string) => number): Promise<{ url: string; received: Received[]; close: () => void }> {
    const received: Received[] = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => {
            received.push({ method: req.method!, url: req.url!, contentType: String(req.headers["content-type"]), body });
            res.statusCode = status(req.url!);
            res.end(res.statusCode < 300 ? "" : "sink refused");
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, received, close: () => server.close() };
}

/** Runs the generated script with this machine's node, as the job's container would. */
function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-bench-"));
    const file = path.join(dir, "report.js");
    fs.writeFileSync(file, reporterScript());
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? "", ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

const envFor = (sink: string, fixture: string) => ({
    [REPORTER_ENV.results]: path.join(FIXTURES, fixture),
    [REPORTER_ENV.node]: "worker-1",
    [REPORTER_ENV.role]: "worker",
    [REPORTER_ENV.pushgateway]: `${sink}/`,
    [REPORTER_ENV.loki]: `${sink}/loki/api/v1/push`,
});

describe("kube-bench reporter script", () => {
    it("is valid JavaScript with no module references left from the TypeScript build", () => {
        const script = reporterScript();
        assert.doesNotThrow(() => new vm.Script(script));
        assert.doesNotMatch(script, /\b\w+_1\.|exports\.|__importDefault|__awaiter/);
    });

    it("PUTs the totals to the node's Pushgateway group and POSTs the checks to Loki", async () => {
        const sink = await fakeSinks(() => 204);
        try {
            const run = await runScript(envFor(sink.url, "worker.json"));
            assert.strictEqual(run.code, 0, run.stderr);
            const put = sink.received.find((r) => r.method === "PUT")!;
            assert.strictEqual(put.url, pushPath("worker-1"));
            assert.match(put.contentType, /^text\/plain; version=0\.0\.4/);
            assert.match(put.body, /^kube_bench_checks\{node="worker-1",role="worker",target="node",status="fail"\} 1$/m);
            const post = sink.received.find((r) => r.method === "POST")!;
            assert.strictEqual(post.url, "/loki/api/v1/push");
            assert.strictEqual(post.contentType, "application/json");
            const streams = JSON.parse(post.body).streams;
            assert.ok(streams.some((s: { stream: Record<string, string> }) => s.stream.job === "kube-bench" && s.stream.status === "fail"));
            assert.match(run.stdout, /"fail":1/);
        } finally {
            sink.close();
        }
    });

    it("still pushes the metrics when Loki refuses, and fails the job", async () => {
        const sink = await fakeSinks((url) => (url.startsWith("/loki") ? 500 : 200));
        try {
            const run = await runScript(envFor(sink.url, "worker.json"));
            assert.strictEqual(run.code, 1);
            assert.match(run.stderr, /POST .*\/loki\/api\/v1\/push: HTTP 500 sink refused/);
            assert.ok(sink.received.some((r) => r.method === "PUT"));
        } finally {
            sink.close();
        }
    });

    it("fails without pushing anything when the report cannot be parsed", async () => {
        const sink = await fakeSinks(() => 200);
        const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kube-bench-")), "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ Controls: [] }));
        try {
            const run = await runScript({ ...envFor(sink.url, "worker.json"), [REPORTER_ENV.results]: bad });
            assert.strictEqual(run.code, 1);
            assert.match(run.stderr, /no Controls/);
            assert.deepStrictEqual(sink.received, []);
        } finally {
            sink.close();
        }
    });

    it("names the missing variable when the job forgot one", async () => {
        const env: Record<string, string> = envFor("http://127.0.0.1:9", "worker.json");
        delete env[REPORTER_ENV.loki];
        const run = await runScript(env);
        assert.strictEqual(run.code, 1);
        assert.match(run.stderr, new RegExp(`environment variable ${REPORTER_ENV.loki} is not set`));
    });
});
