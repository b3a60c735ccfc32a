import * as assert from "assert";
import { runProgram } from "../helpers/program";

describe("Kubernetes provider", () => {
    it("uses the current kubeconfig context when the stack names none", async () => {
        // The SDK itself fills an unset kubeconfig from $KUBECONFIG; the program must not set one.
        const ambient = process.env.KUBECONFIG;
        delete process.env.KUBECONFIG;
        const run = await runProgram("dev").finally(() => {
            if (ambient !== undefined) {
                process.env.KUBECONFIG = ambient;
            }
        });
        const [provider] = run.mocks.ofType("pulumi:providers:kubernetes");
        assert.strictEqual(provider.inputs.context, undefined);
        assert.strictEqual(provider.inputs.kubeconfig, undefined);
        assert.strictEqual(provider.inputs.renderYamlToDirectory, undefined);
    });

    it("targets the configured context and kubeconfig", async () => {
        const run = await runProgram("prod", { kubernetes: { context: "prod-admin", kubeconfig: "/etc/kube/prod.yaml" } });
        const [provider] = run.mocks.ofType("pulumi:providers:kubernetes");
        assert.strictEqual(provider.inputs.context, "prod-admin");
        assert.strictEqual(provider.inputs.kubeconfig, "/etc/kube/prod.yaml");
    });

    it("renders YAML to a directory instead of applying when renderYamlTo is set", async () => {
        const run = await runProgram("dev", { kubernetes: { renderYamlTo: "rendered/dev" } });
        const [provider] = run.mocks.ofType("pulumi:providers:kubernetes");
        assert.strictEqual(provider.inputs.renderYamlToDirectory, "rendered/dev");
    });

    it("updates Secrets and ConfigMaps in place, so a rotation never deletes what running pods mount", async () => {
        for (const stack of ["dev", "prod"]) {
            const [provider] = (await runProgram(stack)).mocks.ofType("pulumi:providers:kubernetes");
            assert.strictEqual(provider.inputs.enableSecretMutable, "true", stack);
            assert.strictEqual(provider.inputs.enableConfigMapMutable, "true", stack);
        }
    });

    it("lets the stack's values win over other field managers when applying, and not when rendering", async () => {
        for (const stack of ["dev", "prod"]) {
            const [provider] = (await runProgram(stack)).mocks.ofType("pulumi:providers:kubernetes");
            assert.strictEqual(provider.inputs.enablePatchForce, "true", stack);
        }
        const [rendering] = (await runProgram("dev", { kubernetes: { renderYamlTo: "rendered/dev" } })).mocks.ofType("pulumi:providers:kubernetes");
        assert.notStrictEqual(rendering.inputs.enablePatchForce, "true");
    });
});
