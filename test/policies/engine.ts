/**
 * The pack as the Pulumi engine runs it during a preview. Each object's props are marshalled the
 * way the CLI sends resource properties to an analyzer: a google.protobuf.Struct in which a value
 * that is not known yet is the engine's unknown string sentinel and a secret is the secret
 * signature object. They go to @pulumi/policy's own `analyze` and `analyzeStack` handlers
 * (server.js makeAnalyzeRpcFun / makeAnalyzeStackRpcFun), which deserialize them
 * (deserialize.js), wrap them in the proxy that throws UnknownValueError on reading an unknown
 * (proxy.js unknownCheckingProxy) and turn such a throw into an advisory "can't run policy ...
 * during preview". Nothing here re-implements that path: only the gRPC transport is left out.
 */
import type { EnforcementLevel, Policies, Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PACK_NAME } from "../../policies/pack";
import { withField } from "../fixtures/policies/objects";
import { PolicyObject, urnOf } from "./harness";

// @pulumi/policy and @pulumi/pulumi mark these modules @internal (their .d.ts files are empty),
// so they are typed here with just what this file uses.
type Call = (call: { request: unknown }, callback: (error: unknown, response?: AnalyzeResponse) => void) => Promise<void>;
interface AnalyzeResponse {
    getDiagnosticsList(): { getPolicyname(): string; getDescription(): string; getMessage(): string; getEnforcementlevel(): number; getUrn(): string }[];
}
const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(pack: string, version: string, level: EnforcementLevel, policies: Policies): Call;
    makeAnalyzeStackRpcFun(pack: string, version: string, level: EnforcementLevel, policies: Policies): Call;
};
const { convertEnforcementLevel } = require("@pulumi/policy/protoutil") as { convertEnforcementLevel(level: number): EnforcementLevel };
const { unknownStringValue } = require("@pulumi/policy/proxy") as { unknownStringValue: string };
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
const { specialSigKey, specialSecretSig } = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string };
// The Struct class analyzer_pb itself uses (the same google-protobuf copy).
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb")] }));

/** A value the engine does not know yet, as it marshals one for analyzers (for any property type). */
export const UNKNOWN = unknownStringValue;

/** A secret as the engine marshals it for analyzers (secrets kept, wrapped in the secret signature). */
export function secret(value: unknown): Record<string, unknown> {
    return { [specialSigKey]: specialSecretSig, value };
}

/** A copy of `object` whose field at `path` ("props.spec.retention") is not known yet. */
export function unknownAt(object: PolicyObject, path: string): PolicyObject {
    return withField(object, path, UNKNOWN);
}

/** One diagnostic of the pack, as the CLI would print it. */
export interface Diagnostic {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** The violation message without the policy's description the server puts in front of it. */
    message: string;
    /** Resource name for resource diagnostics, undefined for a stack-wide one without a URN. */
    resource?: string;
    /** The server's "can't run policy during preview": the check did not run. */
    skipped: boolean;
}

const VERSION = "0.0.1";

function options(o: PolicyObject) {
    const opts = new analyzer.AnalyzerResourceOptions();
    opts.setProtect(o.opts?.protect ?? false);
    return opts;
}

/** The fields an AnalyzeRequest and a stack request's AnalyzerResource share. */
interface ResourceMessage {
    setType(v: string): void;
    setName(v: string): void;
    setUrn(v: string): void;
    setProperties(v: ReturnType<typeof Struct.fromJavaScript>): void;
    setOptions(v: ReturnType<typeof options>): void;
}

function describeResource<T extends ResourceMessage>(message: T, o: PolicyObject): T {
    message.setType(o.type);
    message.setName(o.name);
    message.setUrn(urnOf(o));
    message.setProperties(Struct.fromJavaScript(o.props));
    message.setOptions(options(o));
    return message;
}

function analyzeRequest(o: PolicyObject) {
    return describeResource(new analyzer.AnalyzeRequest(), o);
}

function stackRequest(objects: PolicyObject[]) {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(objects.map((o) => describeResource(new analyzer.AnalyzerResource(), o)));
    return req;
}

function call(handler: Call, request: unknown): Promise<AnalyzeResponse> {
    return new Promise((resolve, reject) => {
        void handler({ request }, (error, response) => (error ? reject(error) : resolve(response as AnalyzeResponse)));
    });
}

/**
 * The policy with this config under `getConfig()` (the server reads per-stack config from a
 * `configure` RPC that is not exported). Only getConfig changes: props stay the server's proxy.
 */
function configured(policy: Policy, config: Record<string, unknown> | undefined): Policy {
    if (config === undefined) {
        return policy;
    }
    const getConfig = <T extends object>() => ({ ...config }) as T;
    if (typeof (policy as StackValidationPolicy).validateStack === "function") {
        const p = policy as StackValidationPolicy;
        const configuredStack: StackValidationPolicy = { ...p, validateStack: (args, report) => p.validateStack({ ...args, getConfig }, report) };
        return configuredStack;
    }
    const p = policy as ResourceValidationPolicy;
    const validations = Array.isArray(p.validateResource) ? p.validateResource : p.validateResource ? [p.validateResource] : [];
    return { ...p, validateResource: validations.map((v) => (args, report) => v({ ...args, getConfig }, report)) } as ResourceValidationPolicy;
}

function diagnostics(response: AnalyzeResponse, byUrn: Map<string, string>): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => {
        const full = d.getMessage();
        const message = full.startsWith(`${d.getDescription()}\n`) ? full.slice(d.getDescription().length + 1) : full;
        return {
            policy: d.getPolicyname(),
            enforcementLevel: convertEnforcementLevel(d.getEnforcementlevel()),
            message,
            resource: byUrn.get(d.getUrn()),
            skipped: /^can't run policy '[^']+' from policy pack '[^']+' during preview: /.test(full),
        };
    });
}

/**
 * Every diagnostic of a pack over these objects in a preview: `analyze` per object, then
 * `analyzeStack` over all of them, as the engine calls them. `config` holds per-policy
 * properties (without enforcementLevel); unconfigured policies get their defaults.
 */
export async function preview(policies: Policies, objects: PolicyObject[], config: Record<string, Record<string, unknown>> = {}): Promise<Diagnostic[]> {
    const pack = policies.map((p) => configured(p, config[p.name]));
    const byUrn = new Map(objects.map((o) => [urnOf(o), o.name]));
    const out: Diagnostic[] = [];
    const analyze = server.makeAnalyzeRpcFun(PACK_NAME, VERSION, "mandatory", pack);
    for (const o of objects) {
        out.push(...diagnostics(await call(analyze, analyzeRequest(o)), byUrn).map((d) => ({ ...d, resource: o.name })));
    }
    const analyzeStack = server.makeAnalyzeStackRpcFun(PACK_NAME, VERSION, "mandatory", pack);
    out.push(...diagnostics(await call(analyzeStack, stackRequest(objects)), byUrn));
    return out;
}

/** Diagnostics of one policy on one object in a preview. */
export async function previewPolicy(policy: Policy, object: PolicyObject, config?: Record<string, unknown>): Promise<Diagnostic[]> {
    return preview([policy], [object], config === undefined ? {} : { [policy.name]: config });
}
