import * as assert from "assert";
import { replicatedWorkloads } from "../../policies/replicated-workloads";
import { eventExporterDeployment, grafanaDeployment, lokiStatefulSet, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "replicated-workloads";
const prod = policyConfig("prod", NAME);
const single = () => withField(eventExporterDeployment(), "props.spec.replicas", 1);

describe("policy replicated-workloads", () => {
    it("passes the event exporter with prod's two replicas", async () => {
        assert.deepStrictEqual(await checkResource(replicatedWorkloads, eventExporterDeployment(), prod), []);
    });

    it("rejects a single event exporter in prod but not in dev", async () => {
        const [message, ...rest] = await checkResource(replicatedWorkloads, single(), prod);
        assert.deepStrictEqual(rest, []);
        assert.match(message, /^kubernetes-event-exporter event-exporter runs 1 replica\(s\), so a single node or pod failure stops it; set spec\.replicas \(stack config eventExporter\.replicas\) to at least 2\.$/);
        assert.deepStrictEqual(await checkResource(replicatedWorkloads, single(), policyConfig("dev", NAME)), []);
    });

    it("counts an unset spec.replicas as the API server's one", async () => {
        assert.strictEqual((await checkResource(replicatedWorkloads, withField(eventExporterDeployment(), "props.spec.replicas", undefined), prod)).length, 1);
    });

    it("recognises the app by its pods' labels when the object itself has none", async () => {
        assert.strictEqual((await checkResource(replicatedWorkloads, withField(single(), "props.metadata.labels", undefined), prod)).length, 1);
    });

    it("leaves apps the config does not list alone, and checks the ones it does", async () => {
        assert.deepStrictEqual(await checkResource(replicatedWorkloads, grafanaDeployment(), prod), []);
        assert.deepStrictEqual(await checkResource(replicatedWorkloads, lokiStatefulSet(), prod), []);
        const [message] = await checkResource(replicatedWorkloads, lokiStatefulSet(), { apps: ["loki"], minReplicas: 2 });
        assert.match(message, /^loki loki runs 1 replica\(s\).*set spec\.replicas to at least 2\.$/);
    });
});
