import { strict as assert } from "assert";
import { kubernetesEventsDashboard } from "../../../components/builders/dashboards/kubernetes-events";
import { stackConfig } from "../../helpers/config";
import { exprsOf, panelNamed } from "./query-syntax";

describe("Kubernetes events dashboard", () => {
    const prod = kubernetesEventsDashboard(stackConfig("prod")).build();

    it("has a stable uid and names the cluster in its title", () => {
        assert.equal(prod.uid, "obs-kubernetes-events");
        assert.equal(prod.title, "Kubernetes events (prod)");
    });

    it("reads the event exporter's stream of this cluster: job=kubernetes-event, cluster=<name>", () => {
        for (const title of ["Warnings by reason", "Warnings by namespace", "Top warning reasons in range", "Events"]) {
            assert.ok(exprsOf(prod, title)[0].includes('{job="kubernetes-event", cluster="prod"} | json'), title);
        }
        const dev = kubernetesEventsDashboard(stackConfig("dev")).build();
        assert.ok(exprsOf(dev, "Events")[0].startsWith('{job="kubernetes-event", cluster="dev"}'));
    });

    it("counts warnings by reason and by the involved object's namespace", () => {
        assert.match(exprsOf(prod, "Warnings by reason")[0], /^sum by \(reason\) \(count_over_time\(.*type="Warning"/);
        assert.match(exprsOf(prod, "Warnings by namespace")[0], /^sum by \(involvedObject_namespace\) \(count_over_time\(.*type="Warning"/);
    });

    it("formats each event line as [type] reason: message (Kind/name)", () => {
        assert.ok(exprsOf(prod, "Events")[0].endsWith(
            "| line_format `[{{.type}}] {{.reason}}: {{.message}} ({{.involvedObject_kind}}/{{.involvedObject_name}})`",
        ));
        assert.equal(panelNamed(prod, "Events").type, "logs");
    });

    it("filters by event type and namespace variables, all types by default", () => {
        const vars = Object.fromEntries((prod.templating?.list ?? []).map((v) => [v.name, v]));
        assert.equal(vars.type.query, "Warning,Normal");
        assert.equal(vars.type.includeAll, true);
        assert.equal(vars.namespace.type, "textbox");
        assert.ok(exprsOf(prod, "Events")[0].includes('type=~"$type" | involvedObject_namespace=~"$namespace"'));
    });
});
