import * as assert from "assert";
import { imageParts, pinnedImageTags } from "../../policies/pinned-image-tags";
import { alertmanager, grafanaDeployment, lokiStatefulSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

const LOKI_IMAGE = "props.spec.template.spec.containers.0.image";

describe("policy pinned-image-tags", () => {
    it("passes version-tagged images in workloads and operator CRs", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), prometheus(), alertmanager()]) {
            assert.deepStrictEqual(await checkResource(pinnedImageTags, object), [], object.name);
        }
    });

    it("rejects an untagged image, even behind a registry port", async () => {
        const [message] = await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, "registry.local:5000/grafana/loki"));
        assert.match(message, /containers\[loki\] uses registry\.local:5000\/grafana\/loki without a tag, which pulls latest/);
    });

    it("rejects :latest", async () => {
        const [message] = await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, "docker.io/grafana/loki:latest"));
        assert.match(message, /uses the floating tag "latest"/);
    });

    it("rejects a floating Prometheus image on the CR", async () => {
        const [message] = await checkResource(pinnedImageTags, withField(prometheus(), "props.spec.image", "quay.io/prometheus/prometheus"));
        assert.match(message, /kps-prometheus spec\.image uses quay\.io\/prometheus\/prometheus without a tag/);
    });

    it("accepts a digest, and requires one when configured", async () => {
        const digest = "docker.io/grafana/loki@sha256:0123456789abcdef";
        assert.deepStrictEqual(await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, digest)), []);
        const messages = await checkResource(pinnedImageTags, lokiStatefulSet(), { requireDigest: true });
        assert.match(messages[0], /without a digest; pin it as docker\.io\/grafana\/loki:3\.7\.6@sha256:<digest>/);
    });

    it("splits tags from registry ports", () => {
        assert.deepStrictEqual(imageParts("registry.local:5000/loki:3.7.6"), { tag: "3.7.6", digest: undefined });
        assert.deepStrictEqual(imageParts("registry.local:5000/loki"), { tag: undefined, digest: undefined });
    });
});
