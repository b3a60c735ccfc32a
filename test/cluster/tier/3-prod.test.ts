/**
 * prod, as a user runs it (lifecycle.ts: preview, up, a no-change preview, live checks), then
 * the protection the README documents: destroy stops at the protected namespace and volumes.
 */
import * as assert from "assert";
import { get, items } from "./kubectl";
import { upAndCheck } from "./lifecycle";

const NAMESPACE = "monitoring";

describe("prod under the real engine and a real API server", () => {
    const project = upAndCheck("prod");

    it("asks cert-manager for Grafana's certificate from the named issuer", () => {
        const [cert] = items(["certificates.cert-manager.io", "-n", NAMESPACE]);
        assert.ok(cert, "no Certificate");
        assert.deepStrictEqual(cert.spec.issuerRef, { group: "cert-manager.io", kind: "ClusterIssuer", name: "internal-ca" });
    });

    it("refuses to destroy the protected namespace and volumes, and deletes nothing", () => {
        const uid = get(["namespace", NAMESPACE]).metadata.uid;
        const r = project().pulumi(["destroy", "--yes", "--skip-preview"]);
        assert.notStrictEqual(r.status, 0, "destroy of prod succeeded");
        assert.match(r.stdout + r.stderr, /protected/);
        assert.strictEqual(get(["namespace", NAMESPACE]).metadata.uid, uid);
    });
});
