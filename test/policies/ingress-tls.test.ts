import * as assert from "assert";
import { ingressTls } from "../../policies/ingress-tls";
import { grafanaIngress, withField } from "../fixtures/policies/objects";
import { checkResource, mandatory, runPack } from "./harness";
import { packConfig, policyConfig } from "./pack-config";

const NAME = "ingress-tls";
const prod = policyConfig("prod", NAME);
const dev = policyConfig("dev", NAME);

describe("policy ingress-tls", () => {
    it("passes Grafana's Ingress with a TLS entry and Secret for its host", async () => {
        assert.deepStrictEqual(await checkResource(ingressTls, grafanaIngress(), prod), []);
    });

    it("rejects an Ingress without TLS in prod, and only advises in dev", async () => {
        const plain = withField(grafanaIngress(), "props.spec.tls", undefined);
        const [message, ...rest] = await checkResource(ingressTls, plain, prod);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^Ingress grafana serves host grafana\.prod\.example\.com without TLS \(no spec\.tls entry lists it\).*turn cert-manager on \(cluster\.certManager\) or name an existing certificate Secret \(grafana\.ingress\.tlsSecretName/);
        assert.strictEqual(mandatory(await runPack([ingressTls], [plain], packConfig("prod"))).length, 1);
        assert.deepStrictEqual((await runPack([ingressTls], [plain], packConfig("dev"))).map((v) => v.enforcementLevel), ["advisory"]);
    });

    it("rejects a TLS entry without secretName in prod, which dev accepts", async () => {
        const defaultCertificate = withField(grafanaIngress(), "props.spec.tls.0.secretName", undefined);
        const [message] = await checkResource(ingressTls, defaultCertificate, prod);
        assert.match(message, /serves host grafana\.prod\.example\.com over TLS without a secretName, so the controller's default certificate/);
        assert.deepStrictEqual(await checkResource(ingressTls, defaultCertificate, dev), []);
    });

    it("rejects a TLS entry for other hosts", async () => {
        const other = withField(grafanaIngress(), "props.spec.tls.0.hosts", ["grafana.dev.example.com"]);
        assert.strictEqual((await checkResource(ingressTls, other, prod)).length, 1);
    });

    it("matches a wildcard host one label deep, and an entry without hosts for every host", async () => {
        assert.deepStrictEqual(await checkResource(ingressTls, withField(grafanaIngress(), "props.spec.tls.0.hosts", ["*.prod.example.com"]), prod), []);
        assert.strictEqual((await checkResource(ingressTls, withField(grafanaIngress(), "props.spec.tls.0.hosts", ["*.example.com"]), prod)).length, 1);
        assert.deepStrictEqual(await checkResource(ingressTls, withField(grafanaIngress(), "props.spec.tls.0.hosts", undefined), prod), []);
    });

    it("checks every host, and a rule or default backend without host", async () => {
        const second = withField(grafanaIngress(), "props.spec.rules.1", { host: "grafana.example.com", http: grafanaIngress().props.spec.rules[0].http });
        const [message, ...rest] = await checkResource(ingressTls, second, prod);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /serves host grafana\.example\.com without TLS/);
        const hostless = withField(withField(grafanaIngress(), "props.spec.rules.0.host", undefined), "props.spec.tls", undefined);
        assert.match((await checkResource(ingressTls, hostless, prod))[0], /serves every host \(a rule without host\) without TLS/);
        const defaultBackend = withField(withField(grafanaIngress(), "props.spec", { defaultBackend: { service: { name: "grafana", port: { number: 80 } } } }), "props.metadata.name", "catch-all");
        assert.match((await checkResource(ingressTls, defaultBackend, prod))[0], /^Ingress catch-all serves every host/);
    });
});
