import * as assert from "assert";
import { selectorLabels, standardLabels } from "../../components/labels";

describe("labels", () => {
    it("gives selectors only the name and instance, never the version", () => {
        assert.deepStrictEqual(selectorLabels("loki", "logs"), {
            "app.kubernetes.io/name": "loki",
            "app.kubernetes.io/instance": "logs",
        });
    });

    it("carries the full app.kubernetes.io set on objects", () => {
        const labels = standardLabels("event-exporter", "events", "exporter", "1.7");
        assert.strictEqual(labels["app.kubernetes.io/component"], "exporter");
        assert.strictEqual(labels["app.kubernetes.io/version"], "1.7");
        assert.strictEqual(labels["app.kubernetes.io/part-of"], "observability-stack");
        assert.strictEqual(labels["app.kubernetes.io/managed-by"], "pulumi");
    });

    it("leaves out component and version when not given", () => {
        const labels = standardLabels("x", "y");
        assert.ok(!("app.kubernetes.io/component" in labels));
        assert.ok(!("app.kubernetes.io/version" in labels));
    });
});
