/**
 * Inhibition in a real Alertmanager with the generated config of the prod stack (whose apps
 * have SLOs, so the SLO inhibition is in it): alerts are posted to its API and the test reads
 * back which ones Alertmanager suppresses. No mail, no Prometheus.
 */
import * as assert from "assert";
import * as path from "path";
import { SLO_ALERTS } from "../../components/builders/rules/slos";
import { CHART_VOLUME_ALERT, STACK_VOLUME_ALERT } from "../../components/builders/rules/volumes";
import { stackConfig } from "../helpers/config";
import { Daemon } from "./helpers/daemon";
import { writeAlertmanagerConfig } from "./helpers/fixtures";
import { startAlertmanager } from "./helpers/stack-processes";
import { freePort, httpText, missingTools, removeDir, tempDir, waitFor } from "./helpers/tools";

/** Bound on Alertmanager taking in posted alerts; it normally takes milliseconds. */
const SETTLE_TIMEOUT_MS = 15_000;

type Labels = Record<string, string>;
interface ApiAlert { labels: Labels; status: { state: string; inhibitedBy: string[] } }

const claim = (namespace: string, persistentvolumeclaim: string) => ({ namespace, persistentvolumeclaim });

describe("inhibition in Alertmanager with the generated config", function () {
    let dir: string | undefined;
    let am: Daemon | undefined;
    let port = 0;

    before(async function () {
        const missing = missingTools("alertmanager");
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir("inhibition");
        port = await freePort();
        const file = writeAlertmanagerConfig(path.join(dir, "alertmanager.yml"), stackConfig("prod"), path.join(dir, "secrets"));
        am = await startAlertmanager(dir, file, port);
    });

    after(async () => {
        await am?.stop();
        removeDir(dir);
    });

    const post = (alerts: Labels[]) => httpText(`http://127.0.0.1:${port}/api/v2/alerts`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(alerts.map((labels) => ({ labels }))),
    });

    /** Alertmanager's view of the alert with exactly these labels, once it has it. */
    const stateOf = (labels: Labels, wanted: string) => waitFor(`${labels.alertname} in state ${wanted}`, async () => {
        const alerts = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v2/alerts`)) as ApiAlert[];
        const found = alerts.find((a) => JSON.stringify(Object.entries(a.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
        return found?.status.state === wanted ? found : undefined;
    }, SETTLE_TIMEOUT_MS);

    it("notifies a full stack volume once: the chart's KubePersistentVolumeFillingUp is suppressed for the same claim", async () => {
        const pvc = claim("monitoring", "prometheus-kps-prometheus-db-prometheus-kps-prometheus-0");
        const stack = { alertname: STACK_VOLUME_ALERT, severity: "critical", service: "storage", ...pvc };
        const chart = { alertname: CHART_VOLUME_ALERT, severity: "critical", service: "kps-kubelet", ...pvc };
        await post([stack, chart]);
        const suppressed = await stateOf(chart, "suppressed");
        assert.strictEqual(suppressed.status.inhibitedBy.length, 1);
        await stateOf(stack, "active");
    });

    it("holds back an SLO's ticket while the same SLO pages (prod's SLOs)", async () => {
        const slo = { namespace: "shop", app: "checkout", service: "checkout", team: "payments", slo: "availability" };
        const page = { alertname: SLO_ALERTS.page, severity: "critical", ...slo };
        const ticket = { alertname: SLO_ALERTS.ticket, severity: "warning", ...slo };
        await post([page, ticket]);
        const suppressed = await stateOf(ticket, "suppressed");
        assert.strictEqual(suppressed.status.inhibitedBy.length, 1);
        await stateOf(page, "active");
    });

    it("still notifies the ticket of another SLO of the same app while one SLO pages", async () => {
        const app = { namespace: "shop", app: "catalog", service: "catalog" };
        const page = { alertname: SLO_ALERTS.page, severity: "critical", ...app, slo: "availability" };
        const ticket = { alertname: SLO_ALERTS.ticket, severity: "warning", ...app, slo: "latency" };
        const sameSlo = { ...ticket, slo: "availability" };
        await post([page, ticket, sameSlo]);
        // The inhibitor takes in posted alerts asynchronously: once the same SLO's ticket is
        // suppressed it has seen the page, so "active" below is its answer, not a head start.
        await stateOf(sameSlo, "suppressed");
        const active = await stateOf(ticket, "active");
        assert.deepStrictEqual(active.status.inhibitedBy, []);
    });

    it("still notifies KubePersistentVolumeFillingUp for claims the stack's alert does not cover", async () => {
        const app = { alertname: CHART_VOLUME_ALERT, severity: "critical", service: "kps-kubelet", ...claim("shop", "orders-db") };
        await post([app]);
        await stateOf(app, "active");
    });
});
