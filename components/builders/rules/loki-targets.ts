/**
 * Which scrape targets are Loki, by deployment mode: the single binary is one job, the
 * distributed mode one job per component (targets.ts). Every Loki rule selects through here, so
 * switching `loki.mode` moves all of them together.
 */
import type { StackConfig } from "../../schema";
import { eq, escapeRegex, re, sel } from "./queries";
import { LOKI_METRIC_COMPONENTS, lokiComponentJob, STACK_JOBS } from "./targets";

export interface LokiTargets {
    /** Matchers for every Loki target of the stack. */
    all: string[];
    /** Matchers for the targets that run an ingester (the single binary runs one too). */
    ingesters: string[];
    /** Fires for every Loki target that is down, and for every component with no target left. */
    down: string;
}

export function lokiTargets(namespace: string, mode: StackConfig["loki"]["mode"]): LokiTargets {
    const ns = eq("namespace", namespace);
    if (mode === "monolithic") {
        const m = [eq("job", STACK_JOBS.loki), ns];
        return { all: m, ingesters: m, down: `${sel("up", m)} == 0 or absent(${sel("up", m)})` };
    }
    const jobs = LOKI_METRIC_COMPONENTS.map(lokiComponentJob);
    const all = [re("job", jobs.map(escapeRegex).join("|")), ns];
    // One absent() per component: a regex over all of them would only notice when every
    // component is gone, and a lost distributor alone already stops every push.
    const gone = jobs.map((job) => `absent(${sel("up", [eq("job", job), ns])})`);
    return {
        all,
        ingesters: [eq("job", lokiComponentJob("ingester")), ns],
        down: [`${sel("up", all)} == 0`, ...gone].join(" or "),
    };
}
