import * as assert from "assert";
import * as YAML from "yaml";
import { noCredentialsInConfigMaps } from "../../policies/no-credentials-in-configmaps";
import { datasourceConfigMap, grafanaIniConfigMap, lokiConfig, lokiConfigMap, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

function withIniLine(line: string) {
    const cm = grafanaIniConfigMap();
    cm.props.data["grafana.ini"] += `${line}\n`;
    return cm;
}

describe("policy no-credentials-in-configmaps", () => {
    it("passes grafana.ini with $__file{} references, datasources without secrets and the Loki config", async () => {
        for (const object of [grafanaIniConfigMap(), datasourceConfigMap(), lokiConfigMap()]) {
            assert.deepStrictEqual(await checkResource(noCredentialsInConfigMaps, object), [], object.name);
        }
    });

    it("rejects grafana.ini with a literal admin_password", async () => {
        const [message] = await checkResource(noCredentialsInConfigMaps, withIniLine("[security]\nadmin_password = prom-operator"));
        assert.match(message, /ConfigMap grafana holds a literal credential at grafana\.ini:security\.admin_password/);
        assert.match(message, /\$__file\{\.\.\.\}/);
    });

    it("rejects a literal SMTP password in grafana.ini", async () => {
        const cm = grafanaIniConfigMap();
        cm.props.data["grafana.ini"] = cm.props.data["grafana.ini"].replace("$__file{/etc/secrets/smtp-credentials/password}", "hunter2");
        assert.match((await checkResource(noCredentialsInConfigMaps, cm))[0], /grafana\.ini:smtp\.password/);
    });

    it("rejects a datasource with basicAuthPassword outside secureJsonData references", async () => {
        const ds = datasourceConfigMap();
        const doc = YAML.parse(ds.props.data["datasource.yaml"]);
        doc.datasources[1].basicAuthPassword = "s3cret";
        ds.props.data["datasource.yaml"] = YAML.stringify(doc);
        assert.match((await checkResource(noCredentialsInConfigMaps, ds))[0], /datasource\.yaml:datasources\[1\]\.basicAuthPassword/);
    });

    it("rejects any literal under a datasource's secureJsonData, such as a bearer header", async () => {
        const ds = datasourceConfigMap();
        const doc = YAML.parse(ds.props.data["datasource.yaml"]);
        doc.datasources[1].jsonData = { httpHeaderName1: "Authorization" };
        doc.datasources[1].secureJsonData = { httpHeaderValue1: "Bearer eyJhbGciOi" };
        ds.props.data["datasource.yaml"] = YAML.stringify(doc);
        const [message] = await checkResource(noCredentialsInConfigMaps, ds);
        assert.match(message, /datasource\.yaml:datasources\[1\]\.secureJsonData\.httpHeaderValue1/);
        doc.datasources[1].secureJsonData = { httpHeaderValue1: "$__file{/etc/secrets/loki-token}" };
        ds.props.data["datasource.yaml"] = YAML.stringify(doc);
        assert.deepStrictEqual(await checkResource(noCredentialsInConfigMaps, ds), []);
    });

    it("rejects a URL with a password in it, in YAML and in grafana.ini", async () => {
        const config = lokiConfig();
        config.ruler = { alertmanager_url: "http://admin:hunter2@alertmanager.monitoring:9093" };
        assert.match((await checkResource(noCredentialsInConfigMaps, lokiConfigMap(config)))[0], /config\.yaml:ruler\.alertmanager_url/);
        const ini = await checkResource(noCredentialsInConfigMaps, withIniLine("[database]\nurl = mysql://grafana:hunter2@db:3306/grafana"));
        assert.match(ini[0], /grafana\.ini:database\.url/);
    });

    it("rejects both halves of an S3 key pair in a Loki config kept in a ConfigMap", async () => {
        const config = lokiConfig();
        config.storage_config.aws = { access_key_id: "AKIA0000", secret_access_key: "abc/def" };
        const messages = await checkResource(noCredentialsInConfigMaps, lokiConfigMap(config));
        assert.deepStrictEqual(messages.map((m) => m.match(/at (\S+);/)?.[1]), ["config.yaml:storage_config.aws.access_key_id", "config.yaml:storage_config.aws.secret_access_key"]);
    });

    it("rejects a Thanos objstore config with access_key and secret_key in a ConfigMap", async () => {
        const objstore = "type: S3\nconfig:\n  bucket: thanos-metrics\n  endpoint: s3.storage.example.internal:9000\n  access_key: AKIA0000\n  secret_key: abc/def\n";
        const cm = { type: "kubernetes:core/v1:ConfigMap", name: "thanos-objstore", props: { metadata: { name: "thanos-objstore", namespace: "monitoring" }, data: { "objstore.yml": objstore } } };
        const messages = await checkResource(noCredentialsInConfigMaps, cm);
        assert.deepStrictEqual(messages.map((m) => m.match(/at (\S+);/)?.[1]), ["objstore.yml:config.access_key", "objstore.yml:config.secret_key"]);
    });

    it("accepts ${ENV} expansion in a Loki config and configured exemptions", async () => {
        const config = lokiConfig();
        config.storage_config.aws = { secret_access_key: "${S3_SECRET_KEY}" };
        assert.deepStrictEqual(await checkResource(noCredentialsInConfigMaps, lokiConfigMap(config)), []);
        const flagged = withIniLine("[auth.generic_oauth]\nclient_secret = public-client");
        assert.deepStrictEqual(await checkResource(noCredentialsInConfigMaps, flagged, { allowedPaths: ["grafana.ini:auth.generic_oauth.client_secret"] }), []);
    });

    it("ignores Secrets, which are where credentials belong", async () => {
        const secret = withField(withIniLine("[security]\nadmin_password = x"), "type", "kubernetes:core/v1:Secret");
        assert.deepStrictEqual(await checkResource(noCredentialsInConfigMaps, secret), []);
    });
});
