/**
 * Runs policies the way the @pulumi/policy server does (server.js: makeAnalyzeRpcFun and
 * makeAnalyzeStackRpcFun), without the gRPC server: per-policy config without its
 * enforcementLevel from `getConfig()`, the enforcement level from the stack's config file over
 * the policy's and the pack's, `disabled` skipped, not-applicable reasons swallowed. Props are
 * handed over as plain data, with every value known; engine.ts runs a preview's unknown values
 * through the server's own handlers instead.
 */
import type {
    EnforcementLevel,
    Policies,
    Policy,
    PolicyPackConfig,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** One object as a policy sees it. */
export interface PolicyObject {
    /** Pulumi type token, e.g. kubernetes:apps/v1:StatefulSet. */
    type: string;
    /** Pulumi resource name. */
    name: string;
    /** The resource's inputs (the manifest for Kubernetes objects). */
    props: Record<string, any>;
    /** Resource options; `protect` is what the pack reads. */
    opts?: Partial<PolicyResourceOptions>;
}

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    /** Resource name, or undefined for a stack-wide violation without a URN. */
    resource?: string;
}

class NotApplicable extends Error {}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

export function urnOf(o: PolicyObject): string {
    return `urn:pulumi:test::observability::${o.type}::${o.name}`;
}

function options(o: PolicyObject): PolicyResourceOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...o.opts,
    };
}

/** Same test as the server's isTypeOf: the class's static __pulumiType against the type token. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

function policyConfig(config: PolicyPackConfig, name: string): { level?: EnforcementLevel; props: Record<string, any> } {
    const entry = config[name] ?? config["all"];
    if (entry === undefined) {
        return { props: {} };
    }
    if (typeof entry === "string") {
        return { level: entry, props: {} };
    }
    const { enforcementLevel, ...props } = entry;
    return { level: enforcementLevel, props };
}

export function resourceArgs(o: PolicyObject, config: Record<string, any>): ResourceValidationArgs {
    return {
        type: o.type,
        props: o.props,
        urn: urnOf(o),
        name: o.name,
        opts: options(o),
        stackTags: NO_TAGS,
        isType: (cls) => isTypeOf(o.type, cls),
        asType: ((cls: unknown) => (isTypeOf(o.type, cls) ? o.props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

export function stackResources(objects: PolicyObject[]): PolicyResource[] {
    return objects.map((o) => ({
        type: o.type,
        props: o.props,
        urn: urnOf(o),
        name: o.name,
        opts: options(o),
        dependencies: [],
        propertyDependencies: {},
        isType: (cls) => isTypeOf(o.type, cls),
        asType: ((cls: unknown) => (isTypeOf(o.type, cls) ? o.props : undefined)) as PolicyResource["asType"],
    }));
}

async function swallowNotApplicable(run: () => Promise<void> | void): Promise<void> {
    try {
        await run();
    } catch (e) {
        if (!(e instanceof NotApplicable)) {
            throw e;
        }
    }
}

/** Violation messages of one resource policy on one object, with the given policy config. */
export async function checkResource(policy: ResourceValidationPolicy, object: PolicyObject, config: Record<string, any> = {}): Promise<string[]> {
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
    for (const validate of validations) {
        await swallowNotApplicable(() => validate(resourceArgs(object, config), (message) => messages.push(message)));
    }
    return messages;
}

/** Violation messages of one stack policy over a set of objects. */
export async function checkStack(policy: StackValidationPolicy, objects: PolicyObject[], config: Record<string, any> = {}): Promise<string[]> {
    const messages: string[] = [];
    const args: StackValidationArgs = {
        resources: stackResources(objects),
        stackTags: NO_TAGS,
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
    await swallowNotApplicable(() => policy.validateStack(args, (message) => messages.push(message)));
    return messages;
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * Every policy of a pack over every object, as `pulumi preview --policy-pack-config` would run
 * them: resource policies per object, stack policies once over all.
 */
export async function runPack(
    policies: Policies,
    objects: PolicyObject[],
    packConfig: PolicyPackConfig = {},
    packLevel: EnforcementLevel = "mandatory",
): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const policy of policies) {
        const { level, props } = policyConfig(packConfig, policy.name);
        const enforcementLevel = level ?? policy.enforcementLevel ?? packLevel;
        if (enforcementLevel === "disabled") {
            continue;
        }
        const record = (resource?: string) => (message: string) => out.push({ policy: policy.name, enforcementLevel, message, resource });
        if (isStackPolicy(policy)) {
            (await checkStack(policy, objects, props)).forEach(record());
            continue;
        }
        for (const object of objects) {
            (await checkResource(policy, object, props)).forEach(record(object.name));
        }
    }
    return out;
}

/** The violations that would block a deployment. */
export function mandatory(violations: Violation[]): Violation[] {
    return violations.filter((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
}
