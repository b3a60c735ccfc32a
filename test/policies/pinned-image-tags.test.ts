import * as assert from "assert";
import { imageParts, pinnedImageTags } from "../../policies/pinned-image-tags";
import { alertmanager, backupCronJob, grafanaDeployment, lokiStatefulSet, prometheus, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";

const LOKI_IMAGE = "props.spec.template.spec.containers.0.image";

describe("policy pinned-image-tags", () => {
    it("passes version-tagged images in workloads and operator CRs", async () => {
        for (const object of [grafanaDeployment(), lokiStatefulSet(), prometheus(), alertmanager(), backupCronJob()]) {
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

    it("rejects :latest in a CronJob's pod template and an untagged init container", async () => {
        const job = withField(backupCronJob(), "props.spec.jobTemplate.spec.template.spec.containers.0.image", "rclone/rclone:latest");
        assert.match((await checkResource(pinnedImageTags, job))[0], /backup-prometheus containers\[backup\] uses the floating tag "latest"/);
        const loki = withField(lokiStatefulSet(), "props.spec.template.spec.initContainers", [{ name: "chown", image: "busybox", resources: {} }]);
        assert.match((await checkResource(pinnedImageTags, loki))[0], /initContainers\[chown\] uses busybox without a tag/);
    });

    it("accepts an image pinned by digest only, behind a registry port", async () => {
        const digest = "registry.local:5000/grafana/loki@sha256:" + "ab".repeat(32);
        assert.deepStrictEqual(await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, digest)), []);
        const strict = await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, digest), { requireDigest: true });
        assert.deepStrictEqual(strict.filter((m) => m.includes("containers[loki]")), []);
    });

    it("rejects a floating Thanos sidecar image on the Prometheus CR", async () => {
        const [message] = await checkResource(pinnedImageTags, withField(prometheus(), "props.spec.thanos", { image: "quay.io/thanos/thanos:main" }));
        assert.match(message, /kps-prometheus spec\.thanos\.image uses the floating tag "main"/);
    });

    it("accepts a digest, and requires one when configured", async () => {
        const digest = `docker.io/grafana/loki@sha256:${"0123456789abcdef".repeat(4)}`;
        assert.deepStrictEqual(await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, digest)), []);
        const messages = await checkResource(pinnedImageTags, lokiStatefulSet(), { requireDigest: true });
        assert.match(messages[0], /without a digest; pin it as docker\.io\/grafana\/loki:3\.7\.6@sha256:<digest>/);
    });

    it("rejects a digest that is not algorithm:hex", async () => {
        const [message] = await checkResource(pinnedImageTags, withField(lokiStatefulSet(), LOKI_IMAGE, "docker.io/grafana/loki@latest"));
        assert.match(message, /containers\[loki\] uses docker\.io\/grafana\/loki@latest, whose digest is not algorithm:hex/);
    });

    it("splits tags from registry ports", () => {
        assert.deepStrictEqual(imageParts("registry.local:5000/loki:3.7.6"), { tag: "3.7.6", digest: undefined });
        assert.deepStrictEqual(imageParts("registry.local:5000/loki"), { tag: undefined, digest: undefined });
    });
});
