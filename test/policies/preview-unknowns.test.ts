/**
 * The pack in the preview of a new stack, run through @pulumi/policy's own analyzer handlers
 * (engine.ts). Generated passwords do not exist yet, so the stringData of the Secrets they go
 * into reaches the pack unknown. A policy reads only the objects it governs, so none of them
 * stops on those Secrets ("can't run policy during preview") or reports them.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { SECRETS } from "../../components/builders/secret-refs";
import { standardLabels } from "../../components/labels";
import { POLICIES } from "../../policies/pack";
import { LONG_TERM } from "../helpers/object-storage";
import { runProgram } from "../helpers/program";
import { baselineStack, withField } from "../fixtures/policies/objects";
import { NS } from "../fixtures/policies/shared";
import { chartStandIns } from "./chart-values";
import { Diagnostic, preview, secret, UNKNOWN } from "./engine";
import type { PolicyObject } from "./harness";
import { policyConfig } from "./pack-config";
import { programObjects } from "./program-objects";

const SECRET = "kubernetes:core/v1:Secret";

/** A policy that reads every Secret's stringData, to show what the server does with an unknown read. */
const stringDataReader: ResourceValidationPolicy = {
    name: "reads-string-data",
    description: "Reads the stringData of every Secret.",
    enforcementLevel: "mandatory",
    validateResource: (args) => {
        if (args.type === SECRET) {
            void args.props.stringData;
        }
    },
};

type Credentials = "grafanaAdmin" | "smtp";

/** The program's credential Secret (components/secrets.ts), with its generated password known. */
function credentialSecret(which: Credentials): PolicyObject {
    const { name, userKey, passwordKey } = SECRETS[which];
    return {
        type: SECRET,
        name: `observability-secrets-${which === "smtp" ? "smtp" : "grafana-admin"}`,
        props: {
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name, namespace: NS, labels: standardLabels("credentials", "observability-secrets", "secrets") },
            type: "Opaque",
            stringData: { [userKey]: "admin", [passwordKey]: secret("generated-password") },
        },
    };
}

/** The two shapes a password that is not generated yet takes in a Secret's inputs. */
const SHAPES: Record<string, (which: Credentials) => PolicyObject> = {
    "its whole stringData": (which) => withField(credentialSecret(which), "props.stringData", secret(UNKNOWN)),
    "its password": (which) => withField(credentialSecret(which), `props.stringData.${SECRETS[which].passwordKey}`, secret(UNKNOWN)),
};

const LABELS: Record<Credentials, string> = { grafanaAdmin: "Grafana admin Secret", smtp: "SMTP Secret" };

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.policy} [${d.enforcementLevel}] ${d.resource ?? "(stack)"}: ${d.message}`).join("\n");

describe("policy pack in the preview of a new stack", () => {
    it("gets unknowns as the engine sends them: a policy that reads one is skipped with the server's advisory", async () => {
        const adminSecret = SHAPES["its whole stringData"]("grafanaAdmin");
        assert.deepStrictEqual(await preview([stringDataReader], [adminSecret]), [{
            policy: "reads-string-data",
            enforcementLevel: "advisory",
            message: "can't run policy 'reads-string-data' from policy pack 'observability-guardrails@v0.0.1' during preview: string value at .stringData can't be known during preview",
            resource: "observability-secrets-grafana-admin",
            skipped: true,
        }]);
    });

    for (const which of ["grafanaAdmin", "smtp"] as const) {
        it(`neither skips nor reports the ${LABELS[which]} while its password is unknown, as the whole stringData or as one entry`, async () => {
            assert.deepStrictEqual(await preview(POLICIES, [credentialSecret(which)]), []);
            for (const make of Object.values(SHAPES)) {
                const diagnostics = await preview(POLICIES, [make(which)]);
                assert.deepStrictEqual(diagnostics, [], show(diagnostics));
            }
        });
    }

    it("passes the compliant baseline next to credential Secrets whose passwords are unknown", async () => {
        const objects = [...baselineStack(), SHAPES["its whole stringData"]("grafanaAdmin"), SHAPES["its whole stringData"]("smtp")];
        const diagnostics = await preview(POLICIES, objects);
        assert.deepStrictEqual(diagnostics, [], show(diagnostics));
    });

    for (const [label, overrides] of [["the prod program", {}], ["the prod program with long-term metrics", LONG_TERM]] as const) {
        it(`finds no skip and no mandatory violation in ${label} as its first preview sees it`, async () => {
            const own = programObjects((await runProgram("prod", overrides)).mocks.resources);
            const generated: string[] = [SECRETS.grafanaAdmin.name, SECRETS.smtp.name];
            const objects = [...own, ...chartStandIns(own)].map((o) =>
                (o.type === SECRET && generated.includes(o.props.metadata?.name) ? withField(o, "props.stringData", secret(UNKNOWN)) : o));
            assert.strictEqual(objects.filter((o) => o.props.stringData === UNKNOWN || o.props.stringData?.value === UNKNOWN).length, 2);
            const config = Object.fromEntries(POLICIES.map((p) => [p.name, policyConfig("prod", p.name)]));
            const blocking = (await preview(POLICIES, objects, config)).filter((d) => d.skipped || d.enforcementLevel === "mandatory");
            assert.deepStrictEqual(blocking, [], show(blocking));
        });
    }
});
