/**
 * The SLO suites' inputs: prod's stack with one app, checkout, and one availability SLO at 99.9%
 * over 30 days, and synthetic request counters for it in promtool's series notation.
 */
import * as path from "path";
import { sloRuleFile } from "../../../components/builders/rules/stack";
import type { StackConfig } from "../../../components/schema";
import { stackConfig } from "../../helpers/config";
import { writeYaml } from "./fixtures";

export const OBJECTIVE = 99.9;

export function sloConfig(slo: Record<string, unknown> = {}): StackConfig {
    return stackConfig("prod", {
        apps: [{ name: "checkout", namespace: "shop", selector: { app: "checkout" }, team: "payments", slos: [{ name: "availability", objective: OBJECTIVE, sli: { kind: "availability" }, ...slo }] }],
    });
}

/** A phase of traffic: `minutes` long, `perMinute` requests a minute, `errorShare` of them 5xx. */
export interface Phase { minutes: number; perMinute: number; errorShare: number }

/** The 200 and 500 counters of the phases, one sample every `step` minutes from 0 (promtool expanding notation). */
export function traffic(phases: Phase[], step = 1): { series: string; values: string }[] {
    const counter = (share: (p: Phase) => number) => {
        let value = 0;
        const parts = ["0"];
        for (const p of phases) {
            const inc = p.perMinute * step * share(p);
            const samples = p.minutes / step;
            parts.push(samples === 1 ? `${value + inc}` : `${value + inc}+${inc}x${samples - 1}`);
            value += inc * samples;
        }
        return parts.join(" ");
    };
    const labels = (code: string) => `http_requests_total{namespace="shop", job="checkout", code="${code}"}`;
    return [
        { series: labels("200"), values: counter((p) => 1 - p.errorShare) },
        { series: labels("500"), values: counter((p) => p.errorShare) },
    ];
}


/**
 * The config's SLO rule file in `dir`, without annotations: promtool compares them verbatim, and
 * the labels are what routing uses. Returns the file's name, as rule_files takes it.
 */
export function writeSloRules(dir: string, config: StackConfig, name: string): string {
    const groups = sloRuleFile(config).groups.map((g) => ({ ...g, rules: g.rules.map((r) => ("alert" in r ? { ...r, annotations: undefined } : r)) }));
    return path.basename(writeYaml(path.join(dir, name), JSON.parse(JSON.stringify({ groups }))));
}
