/**
 * Thanos components as they run: a container of the thanos image whose argv names the
 * component (`thanos compact ...`, or args ["compact", ...] on the image's `thanos` entrypoint,
 * as the thanos chart renders it). Flags are read in both forms Thanos' kingpin parser takes:
 * `--flag=value` and `--flag value`.
 */
import { isObject, Json, podSpecOf, POD_WORKLOADS } from "./k8s";
import { at, UNKNOWN } from "./unknowns";

/** The container's command followed by its args, as strings; an unknown entry stays UNKNOWN. */
export function argvOf(container: Json): (string | typeof UNKNOWN)[] {
    const list = (field: string) => {
        const value = container[field];
        // Entries read one by one through `at`: Array methods would read an unknown entry directly.
        return Array.isArray(value) ? Array.from({ length: value.length }, (_, i) => at(value, i)).map((v) => (v === UNKNOWN ? UNKNOWN : String(v))) : [];
    };
    return [...list("command"), ...list("args")];
}

/**
 * Whether a container runs Thanos' `component`, from its image and argv: the first argument
 * that is not the binary itself (`thanos`, `/bin/thanos`) names the component.
 */
export function runsThanos(container: Json, component: string): boolean {
    const image = at(container, "image");
    // The repository's last path segment, without tag or digest: quay.io/thanos/thanos:v0.42.4,
    // or the same path under a mirror registry.
    const repository = typeof image === "string" ? image.split("@")[0].replace(/:[^/]*$/, "").split("/").pop() : undefined;
    if (repository !== "thanos") {
        return false;
    }
    // An argument a preview does not know leaves the container unrecognised: the chart renders
    // these from literal values, so only a hand-written workload could get here.
    const first = argvOf(container).find((a) => a === UNKNOWN || !/(^|\/)thanos$/.test(a));
    return first === component;
}

/** The workload's containers that run the Thanos compactor (none for anything else). */
export function compactContainers(type: string, props: Json): Json[] {
    if (!POD_WORKLOADS.includes(type)) {
        return [];
    }
    const spec = podSpecOf(type, props);
    const containers = spec === undefined ? [] : at(spec, "containers");
    if (!Array.isArray(containers)) {
        return [];
    }
    return Array.from({ length: containers.length }, (_, i) => at(containers, i)).filter((c): c is Json => isObject(c) && runsThanos(c, "compact"));
}

/**
 * A flag's value; undefined when the flag is absent, UNKNOWN when its value is not known or
 * when it is absent from the known arguments but an argument a preview does not know could be it.
 */
export function flagValue(argv: (string | typeof UNKNOWN)[], flag: string): string | typeof UNKNOWN | undefined {
    let found: string | typeof UNKNOWN | undefined = argv.includes(UNKNOWN) ? UNKNOWN : undefined;
    argv.forEach((a, i) => {
        if (a === UNKNOWN) {
            return;
        }
        if (a.startsWith(`${flag}=`)) {
            found = a.slice(flag.length + 1);
        } else if (a === flag) {
            found = argv[i + 1] ?? "";
        }
    });
    return found;
}
