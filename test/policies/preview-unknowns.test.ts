/**
 * During a first preview a generated password is an unknown value, and the policy SDK wraps
 * props in a proxy that throws when a policy reads one (the server then reports "can't run
 * policy during preview"). Policies must not read Secret keys they do not need.
 */
import * as assert from "assert";
import { POLICIES } from "../../policies/pack";
import { PolicyObject, runPack } from "./harness";

// The server's own proxy and unknown sentinel; marked @internal, so typed here.
const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T extends object>(props: T): T;
    unknownStringValue: string;
};

/** The program's Grafana admin Secret as a preview sees it before the password exists. */
function previewAdminSecret(): PolicyObject {
    const props = {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "grafana-admin-credentials", namespace: "monitoring" },
        type: "Opaque",
        stringData: { "admin-user": "admin", "admin-password": unknownStringValue },
    };
    return { type: "kubernetes:core/v1:Secret", name: "observability-secrets-grafana-admin", props: unknownCheckingProxy(props) };
}

describe("policy pack during a preview", () => {
    it("runs every policy on a Secret whose password is still unknown", async () => {
        assert.deepStrictEqual(await runPack(POLICIES, [previewAdminSecret()]), []);
    });

    it("would stop on an unknown value it reads (the proxy is live)", () => {
        assert.throws(() => previewAdminSecret().props.stringData["admin-password"], /can't be known during preview/);
    });
});
