/**
 * Grafana backup, first step (python image): dashboards and folders through the HTTP API, and,
 * when GRAFANA_DB names a file, a consistent copy of Grafana's SQLite database through SQLite's
 * online-backup API (Python's sqlite3 Connection.backup, which copies under SQLite's own locks, so
 * a write in progress is never half-copied). Writes into STAGING_DIR:
 *   folders.json                 GET /api/folders
 *   dashboards/<uid>.json        GET /api/dashboards/uid/<uid> ({dashboard, meta})
 *   grafana.db                   the database copy, checked with PRAGMA integrity_check
 */
import { BACKUP_ENV } from "./backup-scripts";

const E = BACKUP_ENV;

/** Dashboards per search page; Grafana caps `limit` at 5000. */
export const SEARCH_PAGE_SIZE = 1000;

export function grafanaExportScript(): string {
    return String.raw`import base64, json, os, sqlite3, sys, urllib.parse, urllib.request

env = os.environ
base = env["${E.grafanaUrl}"].rstrip("/")
auth = "Basic " + base64.b64encode((env["${E.grafanaUser}"] + ":" + env["${E.grafanaPassword}"]).encode()).decode()
out = env["${E.staging}"]


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": auth, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as res:
        return json.load(res)


def write(name, data):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


write("folders.json", get("/api/folders?limit=1000"))
uids, page = [], 1
while True:
    hits = get("/api/search?" + urllib.parse.urlencode({"type": "dash-db", "limit": ${SEARCH_PAGE_SIZE}, "page": page}))
    uids += [h["uid"] for h in hits]
    if len(hits) < ${SEARCH_PAGE_SIZE}:
        break
    page += 1
for uid in uids:
    write("dashboards/" + uid + ".json", get("/api/dashboards/uid/" + urllib.parse.quote(uid, safe="")))
print("exported %d dashboards" % len(uids))

db = env.get("${E.grafanaDb}", "")
if db:
    # Read-only: the volume is mounted read-only; SQLite still takes its shared lock.
    src = sqlite3.connect("file:" + urllib.parse.quote(db) + "?mode=ro", uri=True)
    dst = sqlite3.connect(os.path.join(out, "grafana.db"))
    src.backup(dst)
    src.close()
    check = dst.execute("PRAGMA integrity_check").fetchone()[0]
    dst.close()
    if check != "ok":
        sys.exit("database copy failed its integrity check: " + check)
    print("copied the database " + db)
`;
}
