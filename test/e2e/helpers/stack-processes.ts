/**
 * Real Prometheus and Alertmanager on 127.0.0.1, each with its own port and data directory in
 * a temp dir, started from the generated files and stopped by PID.
 */
import * as path from "path";
import { Daemon } from "./daemon";
import { httpText, TOOLS, waitFor } from "./tools";

/** How long a daemon may take to become ready before the test gives up. */
const READY_TIMEOUT_MS = 30_000;

export async function startAlertmanager(dir: string, configFile: string, port: number): Promise<Daemon> {
    const am = new Daemon("alertmanager", TOOLS.alertmanager, [
        `--config.file=${configFile}`,
        `--storage.path=${path.join(dir, "alertmanager-data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // One instance: no gossip listener, so nothing binds outside loopback.
        "--cluster.listen-address=",
        "--log.level=debug",
    ], path.join(dir, "alertmanager.log"));
    await waitReady(am, `http://127.0.0.1:${port}/-/ready`);
    return am;
}

export async function startPrometheus(dir: string, configFile: string, port: number): Promise<Daemon> {
    const prom = new Daemon("prometheus", TOOLS.prometheus, [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, "prometheus-data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // POST /-/reload: the delivery test adds rules once the first scrapes are in.
        "--web.enable-lifecycle",
        // An alert that fires before the Alertmanager list is loaded (the first seconds after
        // start-up, or after a reload) is dropped and re-sent only after this delay (default 1m).
        "--rules.alert.resend-delay=1s",
    ], path.join(dir, "prometheus.log"));
    await waitReady(prom, `http://127.0.0.1:${port}/-/ready`);
    return prom;
}

/** Waits until `url` answers 2xx; stops the daemon and throws with its log tail when it exits or times out. */
export async function waitReady(d: Daemon, url: string): Promise<void> {
    try {
        await waitFor(`${d.name} ready at ${url}`, async () => {
            if (!d.running) {
                throw new Error(`${d.name} exited`);
            }
            return (await httpText(url)) !== undefined ? true : undefined;
        }, READY_TIMEOUT_MS);
    } catch (error) {
        await d.stop();
        throw new Error(`${String(error)}\n${d.name} log:\n${d.logTail()}`);
    }
}

/** A static scrape job standing in for a component: its job name and the stack namespace label. */
export interface StaticJob {
    job: string;
    port: number;
    namespace: string;
}

/** Rules evaluated and targets scraped every second, alerts to one Alertmanager. */
export function prometheusConfig(ruleFiles: string[], alertmanagerPort: number, jobs: StaticJob[]): Record<string, unknown> {
    return {
        global: { evaluation_interval: "1s", scrape_interval: "1s", scrape_timeout: "1s" },
        rule_files: ruleFiles,
        scrape_configs: jobs.map((j) => ({
            job_name: j.job,
            static_configs: [{ targets: [`127.0.0.1:${j.port}`], labels: { namespace: j.namespace } }],
        })),
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanagerPort}`] }] }] },
    };
}

export interface ActiveAlert {
    labels: Record<string, string>;
    state: string;
    activeAt: string;
}

/** Alerts Prometheus currently holds (GET /api/v1/alerts). */
export async function prometheusAlerts(port: number): Promise<ActiveAlert[]> {
    const body = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v1/alerts`));
    return body.data.alerts as ActiveAlert[];
}

/** The value of a counter in Alertmanager's /metrics, summed over the series matching `filter`. */
export async function alertmanagerCounter(port: number, metric: string, filter: RegExp = /.*/): Promise<number> {
    const text = await httpText(`http://127.0.0.1:${port}/metrics`);
    return text
        .split("\n")
        .filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `))
        .filter((l) => filter.test(l))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

/** Whether Prometheus has a sample of `up == 1` for the job (it has scraped the target). */
export async function targetUp(port: number, job: string): Promise<boolean> {
    const query = encodeURIComponent(`up{job=${JSON.stringify(job)}} == 1`);
    const body = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v1/query?query=${query}`));
    return body.data.result.length > 0;
}

/** Whether Prometheus currently knows at least one Alertmanager to send to. */
export async function alertmanagerKnown(port: number): Promise<boolean> {
    const body = JSON.parse(await httpText(`http://127.0.0.1:${port}/api/v1/alertmanagers`));
    return body.data.activeAlertmanagers.length > 0;
}

/** Re-reads the config and rule files (POST /-/reload). */
export async function reloadPrometheus(port: number): Promise<void> {
    await httpText(`http://127.0.0.1:${port}/-/reload`, { method: "POST" });
}
