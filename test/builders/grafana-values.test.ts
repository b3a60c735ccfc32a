import * as assert from "assert";
import { ADMIN_RESET_SCRIPT } from "../../components/builders/grafana-admin";
import { grafanaValues, grafanaVolumeClaim } from "../../components/builders/grafana-values";
import { stackConfig } from "../helpers/config";

type Values = Record<string, any>;
const grafana = (stack: string, overrides = {}, lokiUrl?: string): Values =>
    grafanaValues(stackConfig(stack, overrides), { lokiUrl }) as Values;

describe("Grafana values", () => {
    it("reads the admin login from the generated Secret", () => {
        assert.deepStrictEqual(grafana("dev").admin, { existingSecret: "grafana-admin-credentials", userKey: "admin-user", passwordKey: "admin-password" });
    });

    it("reads the SMTP login from the SMTP Secret and mails through the configured relay", () => {
        const g = grafana("prod");
        assert.deepStrictEqual(g.smtp, { existingSecret: "smtp-credentials", userKey: "user", passwordKey: "password" });
        assert.deepStrictEqual(g["grafana.ini"].smtp, {
            enabled: true,
            host: "smtp.example.com:587",
            from_address: "alertmanager@example.com",
            startTLS_policy: "MandatoryStartTLS",
        });
    });

    it("watches dashboard ConfigMaps in every namespace by the shared label and folder annotation", () => {
        const d = grafana("dev").sidecar.dashboards;
        assert.deepStrictEqual([d.enabled, d.label, d.labelValue, d.folderAnnotation, d.searchNamespace], [true, "grafana_dashboard", "1", "grafana_folder", "ALL"]);
        assert.strictEqual(d.provider.foldersFromFilesStructure, true);
    });

    it("makes Prometheus the default datasource with the shared uid", () => {
        const ds = grafana("dev").sidecar.datasources;
        assert.deepStrictEqual([ds.enabled, ds.defaultDatasourceEnabled, ds.isDefaultDatasource, ds.uid], [true, true, true, "prometheus"]);
    });

    it("adds Loki as a datasource with uid loki only when a Loki URL is given", () => {
        assert.deepStrictEqual(grafana("dev").additionalDataSources, []);
        const [loki] = grafana("dev", {}, "http://loki.monitoring.svc:3100").additionalDataSources;
        assert.deepStrictEqual([loki.type, loki.uid, loki.url, loki.isDefault], ["loki", "loki", "http://loki.monitoring.svc:3100", false]);
    });

    it("publishes Grafana through an Ingress with TLS from the cluster issuer when configured", () => {
        const ingress = grafana("prod").ingress;
        assert.strictEqual(ingress.enabled, true);
        assert.strictEqual(ingress.ingressClassName, "nginx");
        assert.deepStrictEqual(ingress.annotations, { "cert-manager.io/cluster-issuer": "internal-ca" });
        assert.deepStrictEqual(ingress.tls, [{ secretName: "grafana-tls", hosts: ["grafana.prod.example.com"] }]);
        assert.strictEqual(grafana("prod")["grafana.ini"].server.root_url, "https://grafana.prod.example.com/");
        assert.deepStrictEqual(grafana("dev").ingress, { enabled: false });
    });

    it("uses a namespaced Issuer annotation for an Issuer", () => {
        const ingress = grafana("prod", { cluster: { certManager: { issuer: { kind: "Issuer", name: "local-ca" } } } }).ingress;
        assert.deepStrictEqual(ingress.annotations, { "cert-manager.io/issuer": "local-ca" });
    });

    it("mounts its own claim, sized and classed per environment, and restarts by Recreate", () => {
        assert.deepStrictEqual(grafana("prod").persistence, { enabled: true, existingClaim: "grafana" });
        assert.strictEqual(grafana("prod").deploymentStrategy.type, "Recreate");
        assert.deepStrictEqual(grafanaVolumeClaim(stackConfig("prod")), {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "10Gi" } },
            storageClassName: "fast-ssd",
        });
        assert.strictEqual(grafanaVolumeClaim(stackConfig("dev", { grafana: { persistence: { enabled: false } } })), undefined);
    });

    it("resets the admin password from the Secret on every start of a persistent Grafana", () => {
        const [init] = grafana("prod").extraInitContainers;
        assert.strictEqual(init.name, "reset-admin-password");
        assert.deepStrictEqual(init.command, ["/bin/sh", "-c", ADMIN_RESET_SCRIPT]);
        assert.match(ADMIN_RESET_SCRIPT, /grafana cli .* admin reset-admin-password --password-from-stdin/);
        const password = init.env.find((e: Values) => e.name === "GF_SECURITY_ADMIN_PASSWORD");
        assert.deepStrictEqual(password.valueFrom, { secretKeyRef: { name: "grafana-admin-credentials", key: "admin-password" } });
        assert.deepStrictEqual(init.volumeMounts.map((m: Values) => m.name), ["config", "storage"]);
        assert.deepStrictEqual(grafana("dev", { grafana: { persistence: { enabled: false } } }).extraInitContainers, []);
    });

    it("restarts Grafana when grafana.adminPasswordVersion is bumped", () => {
        const version = (v: Values) => v.podAnnotations["observability-stack/admin-password-version"];
        assert.strictEqual(version(grafana("dev")), "1");
        assert.strictEqual(version(grafana("dev", { grafana: { adminPasswordVersion: 2 } })), "2");
    });

    it("admits the ingress controller in prod and only the stack's namespace without an Ingress", () => {
        assert.strictEqual(grafana("prod").networkPolicy.allowExternal, true);
        const closed = grafana("prod", { grafana: { ingress: { enabled: false } } }).networkPolicy;
        assert.strictEqual(closed.allowExternal, false);
        assert.deepStrictEqual(closed.explicitNamespacesSelector, { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } });
    });
});
