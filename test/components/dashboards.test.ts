import { strict as assert } from "assert";
import { DASHBOARD_SIDECAR } from "../../components/builders/endpoints";
import { dashboardConfigMapName } from "../../components/dashboards";
import type { RegisteredResource } from "../mocks";
import { stackConfig } from "../helpers/config";
import { valueOf } from "../helpers/outputs";
import { ProgramRun, runProgram } from "../helpers/program";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const COMPONENT = "observability:k8s:Dashboards";

function dashboardMaps(run: ProgramRun): RegisteredResource[] {
    return run.mocks.ofType(CONFIG_MAP).filter((r) => r.inputs.metadata?.labels?.[DASHBOARD_SIDECAR.label] !== undefined);
}

for (const stack of ["dev", "prod"]) {
    describe(`Dashboards in the ${stack} stack`, () => {
        let run: ProgramRun;
        before(async () => {
            run = await runProgram(stack);
        });

        it("creates one ConfigMap per dashboard: stack health, logs explorer, events, each app and each app's SLOs", () => {
            const apps = stackConfig(stack).apps;
            const withSlos = apps.filter((a) => a.slos.length > 0);
            assert.equal(dashboardMaps(run).length, 3 + apps.length + withSlos.length);
            for (const app of withSlos) {
                assert.ok(dashboardMaps(run).some((m) => m.inputs.metadata.name === dashboardConfigMapName(`obs-slo-${app.namespace}-${app.name}`)));
            }
            for (const app of apps) {
                assert.ok(dashboardMaps(run).some((m) => m.inputs.metadata.name === dashboardConfigMapName(`obs-app-${app.namespace}-${app.name}`)));
            }
        });

        it("labels each ConfigMap for Grafana's sidecar and files it into the configured folder", () => {
            for (const m of dashboardMaps(run)) {
                assert.equal(m.inputs.metadata.labels[DASHBOARD_SIDECAR.label], DASHBOARD_SIDECAR.labelValue);
                assert.equal(m.inputs.metadata.annotations[DASHBOARD_SIDECAR.folderAnnotation], "Observability");
                assert.equal(m.inputs.metadata.labels["app.kubernetes.io/part-of"], "observability-stack");
                assert.equal(m.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi");
            }
        });

        it("puts the ConfigMaps into the stack namespace", () => {
            for (const m of dashboardMaps(run)) {
                assert.equal(m.inputs.metadata.namespace, "monitoring");
            }
        });

        it("stores exactly one <uid>.json key holding that dashboard's JSON model", () => {
            for (const m of dashboardMaps(run)) {
                const keys = Object.keys(m.inputs.data);
                assert.equal(keys.length, 1);
                const model = JSON.parse(m.inputs.data[keys[0]]);
                assert.equal(keys[0], `${model.uid}.json`);
                assert.equal(m.inputs.metadata.name, dashboardConfigMapName(model.uid));
            }
        });

        it("creates them in one Dashboards component, as resources named dashboards-<uid>", () => {
            assert.equal(run.mocks.ofType(COMPONENT).length, 1);
            for (const m of dashboardMaps(run)) {
                assert.equal(m.name, `dashboards-${JSON.parse(Object.values(m.inputs.data)[0] as string).uid}`);
            }
        });

        it("exports the dashboard uids", async () => {
            const uids = (await valueOf(run.outputs.dashboardUids)) as string[];
            assert.deepEqual(uids.slice(0, 3), ["obs-stack-health", "obs-logs-explorer", "obs-kubernetes-events"]);
        });
    });
}

describe("Dashboards and config", () => {
    it("creates no dashboard ConfigMap when dashboards.enabled is false", async () => {
        const run = await runProgram("dev", { dashboards: { enabled: false } });
        assert.deepEqual(dashboardMaps(run), []);
        assert.equal(run.mocks.ofType(COMPONENT).length, 0);
    });

    it("annotates the ConfigMaps with the folder from dashboards.folder", async () => {
        const run = await runProgram("dev", { dashboards: { folder: "Platform observability" } });
        assert.ok(dashboardMaps(run).every((m) => m.inputs.metadata.annotations[DASHBOARD_SIDECAR.folderAnnotation] === "Platform observability"));
    });
});
