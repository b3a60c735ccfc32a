import * as assert from "assert";
import { imageString, mirroredImage, pullSecrets } from "../../components/builders/images";

const IMAGE = { registry: "ghcr.io", repository: "resmoio/kubernetes-event-exporter", tag: "v1.7" };

describe("images", () => {
    it("keeps the upstream registry without a mirror", () => {
        assert.strictEqual(imageString(mirroredImage(IMAGE, { imagePullSecrets: [] })), "ghcr.io/resmoio/kubernetes-event-exporter:v1.7");
    });

    it("pulls through the configured registry mirror", () => {
        const image = mirroredImage(IMAGE, { imageRegistry: "registry.local:5000/mirror", imagePullSecrets: [] });
        assert.strictEqual(imageString(image), "registry.local:5000/mirror/resmoio/kubernetes-event-exporter:v1.7");
    });

    it("lists the configured pull secrets by name", () => {
        assert.deepStrictEqual(pullSecrets({ imagePullSecrets: ["regcred"] }), [{ name: "regcred" }]);
    });
});
