import * as assert from "assert";
import { isReference, isSecretName, urlCarriesCredential, urlHasPassword } from "../../../policies/lib/credentials";

describe("policy credential heuristics", () => {
    it("treats names ending in a secret word as secrets, in any case style", () => {
        for (const name of ["GF_SECURITY_ADMIN_PASSWORD", "smtp_auth_password", "basicAuthPassword", "client_secret", "API_TOKEN", "secret_access_key", "SLACK_WEBHOOK_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "access_key_id", "access_key", "secret_key"]) {
            assert.ok(isSecretName(name), name);
        }
    });

    it("does not treat pointers to secrets as secrets", () => {
        for (const name of ["GF_SECURITY_ADMIN_PASSWORD__FILE", "smtp_auth_password_file", "secretName", "token_url", "existingSecret", "BYPASS"]) {
            assert.ok(!isSecretName(name), name);
        }
    });

    it("recognises Grafana and environment references", () => {
        for (const value of ["$__file{/etc/secrets/p}", "$__env{PASS}", "${S3_KEY}", "$S3_KEY", "$(DB_PASSWORD)", "$(cat /run/secrets/token)", "{{ .Values.x }}"]) {
            assert.ok(isReference(value), value);
        }
        assert.ok(!isReference("hunter2"));
    });

    it("finds credentials in URLs: user info, token parameters, Slack hooks and opaque path tokens", () => {
        assert.ok(urlCarriesCredential("https://user:pw@hooks.example.com/a"));
        assert.ok(urlCarriesCredential("https://events.example.com/hook?token=abc"));
        assert.ok(urlCarriesCredential("https://hooks.slack.com/services/T0/B0/x"));
        assert.ok(urlCarriesCredential("https://api.example.com/hooks/8f3a9c2e1b7d4f6a9e0c2b1d"));
        assert.ok(!urlCarriesCredential("http://relay.monitoring.svc:8080/alerts"));
        assert.ok(!urlCarriesCredential("not a url"));
    });

    it("finds passwords in URL user info only, not user names or references", () => {
        assert.ok(urlHasPassword("postgres://app:hunter2@db:5432/app"));
        assert.ok(urlHasPassword("mysql://grafana:p%40ss@db/grafana"));
        assert.ok(!urlHasPassword("postgres://app@db:5432/app"));
        assert.ok(!urlHasPassword("postgres://app:${DB_PASSWORD}@db/app"));
        assert.ok(!urlHasPassword("http://loki.monitoring.svc:3100/loki/api/v1/push"));
        assert.ok(!urlHasPassword("user:pass"));
    });
});
