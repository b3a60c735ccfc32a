import { strict as assert } from "assert";
import { securityBenchmarkDashboard, SECURITY_BENCHMARK_UID } from "../../../components/builders/dashboards/security-benchmark";
import { FAILING_CHECKS_INCREASE_QUERY, FAILING_CHECKS_LOGS_QUERY, FAILING_CHECKS_QUERY } from "../../../components/builders/kube-bench-rules";
import { DATASOURCE_UIDS } from "../../../components/builders/endpoints";
import { exprsOf, panelNamed } from "./query-syntax";

describe("CIS benchmark dashboard", () => {
    const model = securityBenchmarkDashboard().build();

    it("has a stable uid and security tags", () => {
        assert.equal(model.uid, SECURITY_BENCHMARK_UID);
        assert.ok(model.tags?.includes("security"));
    });

    it("graphs the failing checks per node and target, so an increase shows as a step", () => {
        assert.deepEqual(exprsOf(model, "Failing checks by node and target"), [FAILING_CHECKS_QUERY]);
    });

    it("lists the node and target pairs whose failing checks grew, as the alert does", () => {
        assert.deepEqual(exprsOf(model, "Failing checks that grew within a day"), [FAILING_CHECKS_INCREASE_QUERY]);
    });

    it("shows the failing checks with their remediation from Loki", () => {
        const logs = panelNamed(model, "Failing checks with remediation");
        assert.equal(logs.type, "logs");
        assert.equal(logs.datasource.uid, DATASOURCE_UIDS.loki);
        assert.deepEqual(exprsOf(model, "Failing checks with remediation"), [FAILING_CHECKS_LOGS_QUERY]);
    });
});
