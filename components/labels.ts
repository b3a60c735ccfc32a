/** The one place the `app.kubernetes.io/*` labels are made. */

/** Value of `app.kubernetes.io/part-of` on everything the program creates. */
export const PART_OF = "observability-stack";
/** Value of `app.kubernetes.io/managed-by`: Pulumi applies these objects, not Helm. */
export const MANAGED_BY = "pulumi";

/** Labels that identify a workload's pods: stable across upgrades, so never carry a version. */
export function selectorLabels(name: string, instance: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": name,
        "app.kubernetes.io/instance": instance,
    };
}

/** The full standard label set for an object; `version` only where it does not reach a selector. */
export function standardLabels(
    name: string,
    instance: string,
    component?: string,
    version?: string,
): Record<string, string> {
    return {
        ...selectorLabels(name, instance),
        ...(component === undefined ? {} : { "app.kubernetes.io/component": component }),
        ...(version === undefined ? {} : { "app.kubernetes.io/version": version }),
        "app.kubernetes.io/part-of": PART_OF,
        "app.kubernetes.io/managed-by": MANAGED_BY,
    };
}
