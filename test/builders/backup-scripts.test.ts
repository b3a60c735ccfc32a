/**
 * The backup scripts run here as the jobs run them: sh with rclone (a local remote standing in
 * for the PVC or bucket) against a fake Prometheus admin API, and python3 against a fake
 * Grafana API and a real SQLite file. Each part skips with a message when its tool is missing
 * (Debian: apt install rclone wget python3).
 */
import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { grafanaExportScript } from "../../components/builders/backup-grafana-export";
import { BACKUP_ENV as E, COMPLETE_MARKER, grafanaUploadScript, prometheusBackupScript, RETENTION_AWK } from "../../components/builders/backup-scripts";

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
function need(ctx: Mocha.Context, ...tools: string[]): void {
    const missing = tools.filter((t) => !has(t));
    if (missing.length > 0) {
        console.log(`      (skipped: ${missing.join(", ")} not installed)`);
        ctx.skip();
    }
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), ...env } });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("close", (code) => resolve({ code, out }));
    });
}

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => void }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
const stamp = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
const DAY = 24 * 3600 * 1000;
const ls = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe("backup retention", () => {
    function expired(names: string[], keep: number, cutoff: string): string[] {
        const r = spawnSync("awk", ["-v", `keep=${keep}`, "-v", `cutoff=${cutoff}`, RETENTION_AWK], { input: names.join("\n") + "\n", encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        return r.stdout.split("\n").filter((l) => l !== "");
    }
    const newestFirst = ["20260105T000000Z-e", "20260104T000000Z-d", "20260103T000000Z-c", "20260102T000000Z-b", "20260101T000000Z-a"];

    it("keeps the newest `keep` backups", () => {
        assert.deepStrictEqual(expired(newestFirst, 3, "20000101T000000Z"), ["20260102T000000Z-b", "20260101T000000Z-a"]);
    });

    it("deletes backups older than the cutoff even within `keep`", () => {
        assert.deepStrictEqual(expired(newestFirst, 10, "20260103T120000Z"), ["20260103T000000Z-c", "20260102T000000Z-b", "20260101T000000Z-a"]);
    });

    it("never deletes the newest backup, however old", () => {
        assert.deepStrictEqual(expired(newestFirst, 1, "20990101T000000Z"), newestFirst.slice(1));
    });

    it("leaves directories it did not name alone", () => {
        assert.deepStrictEqual(expired(["restore-notes", ...newestFirst], 1, "20000101T000000Z"), newestFirst.slice(1));
    });
});

describe("Prometheus backup script", () => {
    let dataDir: string;
    let dest: string;
    let prometheus: { url: string; close: () => void };
    let answer: number;
    const name = `${stamp(0)}-0123456789abcdef`;

    beforeEach(async function () {
        need(this, "rclone", "wget", "awk");
        dataDir = tmp();
        dest = tmp();
        answer = 200;
        // Older backups: one within the age limit, one far beyond it.
        for (const old of [`${stamp(2 * DAY)}-aaaa`, `${stamp(60 * DAY)}-bbbb`]) {
            fs.mkdirSync(path.join(dest, "prefix", "prometheus", old), { recursive: true });
            fs.writeFileSync(path.join(dest, "prefix", "prometheus", old, COMPLETE_MARKER), "x");
        }
        prometheus = await serve((req, res) => {
            if (req.method !== "POST" || req.url !== "/api/v1/admin/tsdb/snapshot" || answer !== 200) {
                res.statusCode = answer === 200 ? 405 : answer;
                res.end(JSON.stringify({ status: "error", error: "admin APIs disabled" }));
                return;
            }
            const block = path.join(dataDir, "snapshots", name, "01HX0000000000000000000000");
            fs.mkdirSync(path.join(block, "chunks"), { recursive: true });
            fs.writeFileSync(path.join(block, "meta.json"), "{}");
            fs.writeFileSync(path.join(block, "chunks", "000001"), "chunk data");
            res.end(JSON.stringify({ status: "success", data: { name } }));
        });
    });
    afterEach(() => prometheus?.close());

    const env = () => ({
        [E.prometheusUrl]: prometheus.url,
        [E.prometheusDataDir]: dataDir,
        [E.dest]: `target:${dest}/prefix`,
        [E.keep]: "5",
        [E.maxAgeSeconds]: String(30 * 24 * 3600),
        RCLONE_CONFIG_TARGET_TYPE: "local",
    });

    it("copies a fresh snapshot to the target, marks it complete and removes it from Prometheus' volume", async () => {
        const r = await run("sh", ["-c", prometheusBackupScript()], env());
        assert.strictEqual(r.code, 0, r.out);
        const copied = path.join(dest, "prefix", "prometheus", name);
        assert.strictEqual(fs.readFileSync(path.join(copied, "01HX0000000000000000000000", "chunks", "000001"), "utf8"), "chunk data");
        assert.ok(fs.existsSync(path.join(copied, COMPLETE_MARKER)));
        assert.deepStrictEqual(ls(path.join(dataDir, "snapshots")), []);
    });

    it("removes snapshots a killed run left behind for more than a day, and only those", async () => {
        const leftover = path.join(dataDir, "snapshots", "20200101T000000Z-dead");
        const recent = path.join(dataDir, "snapshots", "manual-today");
        fs.mkdirSync(leftover, { recursive: true });
        fs.mkdirSync(recent, { recursive: true });
        const twoDaysAgo = new Date(Date.now() - 2 * DAY);
        fs.utimesSync(leftover, twoDaysAgo, twoDaysAgo);
        const r = await run("sh", ["-c", prometheusBackupScript()], env());
        assert.strictEqual(r.code, 0, r.out);
        assert.deepStrictEqual(ls(path.join(dataDir, "snapshots")), ["manual-today"]);
    });

    it("applies the retention to the Prometheus backups", async () => {
        const r = await run("sh", ["-c", prometheusBackupScript()], env());
        assert.strictEqual(r.code, 0, r.out);
        const left = ls(path.join(dest, "prefix", "prometheus"));
        assert.strictEqual(left.length, 2, left.join(", "));
        assert.ok(left.includes(name) && left.some((n) => n.endsWith("-aaaa")));
    });

    it("fails, copying nothing, when the admin API refuses the snapshot", async () => {
        answer = 404;
        const r = await run("sh", ["-c", prometheusBackupScript()], env());
        assert.notStrictEqual(r.code, 0);
        assert.strictEqual(ls(path.join(dest, "prefix", "prometheus")).length, 2);
    });
});

describe("Grafana backup scripts", () => {
    let staging: string;
    let grafana: { url: string; close: () => void };
    const DASHBOARDS = Array.from({ length: 1203 }, (_, i) => `uid-${i}`);

    beforeEach(async function () {
        need(this, "python3");
        staging = tmp();
        const auth = `Basic ${Buffer.from("admin:s3cret").toString("base64")}`;
        grafana = await serve((req, res) => {
            const url = new URL(req.url!, "http://x");
            res.setHeader("Content-Type", "application/json");
            if (req.headers.authorization !== auth) {
                res.statusCode = 401;
                res.end('{"message":"invalid username or password"}');
            } else if (url.pathname === "/api/folders") {
                res.end(JSON.stringify([{ uid: "f1", title: "Observability" }]));
            } else if (url.pathname === "/api/search") {
                const limit = Number(url.searchParams.get("limit"));
                const page = Number(url.searchParams.get("page"));
                res.end(JSON.stringify(DASHBOARDS.slice((page - 1) * limit, page * limit).map((uid) => ({ uid, type: "dash-db" }))));
            } else if (url.pathname.startsWith("/api/dashboards/uid/")) {
                const uid = decodeURIComponent(url.pathname.split("/").pop()!);
                res.end(JSON.stringify({ dashboard: { uid, title: uid }, meta: { folderUid: "f1" } }));
            } else {
                res.statusCode = 404;
                res.end("{}");
            }
        });
    });
    afterEach(() => grafana?.close());

    const env = (extra: Record<string, string> = {}) => ({
        [E.grafanaUrl]: grafana.url,
        [E.grafanaUser]: "admin",
        [E.grafanaPassword]: "s3cret",
        [E.staging]: staging,
        ...extra,
    });

    it("exports every dashboard across search pages, and the folders", async () => {
        const r = await run("python3", ["-c", grafanaExportScript()], env());
        assert.strictEqual(r.code, 0, r.out);
        assert.strictEqual(ls(path.join(staging, "dashboards")).length, DASHBOARDS.length);
        const one = JSON.parse(fs.readFileSync(path.join(staging, "dashboards", "uid-1202.json"), "utf8"));
        assert.deepStrictEqual(one.meta, { folderUid: "f1" });
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(staging, "folders.json"), "utf8"))[0].uid, "f1");
    });

    it("copies the SQLite database through the online-backup API, intact", async function () {
        need(this, "sqlite3");
        const db = path.join(tmp(), "grafana.db");
        spawnSync("sqlite3", [db, "CREATE TABLE dashboard (id INTEGER, title TEXT); INSERT INTO dashboard VALUES (1, 'Stack health');"]);
        const r = await run("python3", ["-c", grafanaExportScript()], env({ [E.grafanaDb]: db }));
        assert.strictEqual(r.code, 0, r.out);
        const rows = spawnSync("sqlite3", [path.join(staging, "grafana.db"), "SELECT title FROM dashboard"], { encoding: "utf8" });
        assert.strictEqual(rows.stdout.trim(), "Stack health");
    });

    it("fails when Grafana rejects the admin credentials", async () => {
        const r = await run("python3", ["-c", grafanaExportScript()], env({ [E.grafanaPassword]: "wrong" }));
        assert.notStrictEqual(r.code, 0);
        assert.match(r.out, /401/);
    });

    it("uploads the export as a dated, completed backup", async function () {
        need(this, "rclone", "awk");
        fs.mkdirSync(path.join(staging, "dashboards"));
        fs.writeFileSync(path.join(staging, "dashboards", "a.json"), "{}");
        const dest = tmp();
        const r = await run("sh", ["-c", grafanaUploadScript()], {
            [E.staging]: staging,
            [E.dest]: `target:${dest}`,
            [E.keep]: "3",
            [E.maxAgeSeconds]: "86400",
            RCLONE_CONFIG_TARGET_TYPE: "local",
        });
        assert.strictEqual(r.code, 0, r.out);
        const [backup] = ls(path.join(dest, "grafana"));
        assert.match(backup, /^\d{8}T\d{6}Z$/);
        assert.deepStrictEqual(ls(path.join(dest, "grafana", backup)), [COMPLETE_MARKER, "dashboards"]);
    });
});
