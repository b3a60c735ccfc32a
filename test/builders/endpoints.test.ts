import * as assert from "assert";
import { lokiPushUrl, lokiUrl } from "../../components/builders/endpoints";

describe("Loki endpoints", () => {
    it("points clients at the single binary's Service on 3100 in monolithic mode", () => {
        assert.strictEqual(lokiUrl("monitoring", "monolithic"), "http://loki.monitoring.svc:3100");
        assert.strictEqual(lokiPushUrl("monitoring", "monolithic"), "http://loki.monitoring.svc:3100/loki/api/v1/push");
    });

    it("points clients at the chart's gateway Service on 80 in distributed mode", () => {
        assert.strictEqual(lokiUrl("logs", "distributed"), "http://loki-gateway.logs.svc:80");
        assert.strictEqual(lokiPushUrl("logs", "distributed"), "http://loki-gateway.logs.svc:80/loki/api/v1/push");
    });
});
