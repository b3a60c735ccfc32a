/** Images are pinned, so a restart never pulls something nobody reviewed. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { objectName, OPERATOR_WORKLOADS, TYPES } from "./lib/k8s";
import { reportingUnknowns } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";
import { eachContainer, workloadContainers } from "./lib/workloads";

export interface PinnedImageConfig {
    /** Tags that move and therefore do not pin anything. */
    floatingTags: string[];
    /** Require an @sha256 digest on every image. */
    requireDigest: boolean;
}

export const PINNED_IMAGE_DEFAULTS: PinnedImageConfig = { floatingTags: ["latest", "main", "master", "edge", "nightly", "stable"], requireDigest: false };

/** The tag and digest of an image reference; a ':' after the last '/' starts the tag (a registry port does not). */
export function imageParts(image: string): { tag?: string; digest?: string } {
    const [ref, digest] = image.split("@");
    const lastSlash = ref.lastIndexOf("/");
    const colon = ref.indexOf(":", lastSlash + 1);
    return { tag: colon === -1 ? undefined : ref.slice(colon + 1), digest };
}

export const pinnedImageTags: ResourceValidationPolicy = {
    name: "pinned-image-tags",
    description: "Every container image, and each Prometheus and Alertmanager image, has an explicit tag that is not a floating one such as latest.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            floatingTags: { type: "array", items: { type: "string" }, default: PINNED_IMAGE_DEFAULTS.floatingTags, description: "Tags that move and do not count as pinned." },
            requireDigest: { type: "boolean", default: PINNED_IMAGE_DEFAULTS.requireDigest, description: "Require an @sha256 digest on every image." },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        const config = configWithDefaults(PINNED_IMAGE_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const operatorCr = OPERATOR_WORKLOADS.includes(args.type);
        const check = (where: string, image: unknown) => {
            // Operator CR patches may omit the image: the operator fills it from spec.image/version.
            if (image === undefined && operatorCr) {
                return;
            }
            const problem = imageProblem(image, config);
            if (problem !== undefined) {
                reportViolation(`${name} ${where} ${problem}`);
            }
        };
        // An image reference has no known parts to check: one not known during preview is
        // reported for its container (eachContainer), and the other containers are still checked.
        eachContainer(workloadContainers(args.type, args.props), name, reportViolation, (c) => check(c.where, c.container.image));
        if (operatorCr) {
            reportingUnknowns(name, reportViolation, () => check("spec.image", args.props.spec?.image));
        }
        // The Thanos sidecar's image, when set, is used as written, like spec.image.
        if (args.type === TYPES.prometheus) {
            reportingUnknowns(name, reportViolation, () => check("spec.thanos.image", args.props.spec?.thanos?.image));
        }
    }),
};

function imageProblem(image: unknown, config: PinnedImageConfig): string | undefined {
    if (typeof image !== "string" || image.trim() === "") {
        return "has no image; set an image with a pinned version tag.";
    }
    const { tag, digest } = imageParts(image);
    if (config.requireDigest && digest === undefined) {
        return `uses ${image} without a digest; pin it as ${image}@sha256:<digest>.`;
    }
    if (digest !== undefined) {
        // OCI digest grammar (algorithm:hex); anything else fails the pull or pins nothing.
        return /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(digest) ? undefined : `uses ${image}, whose digest is not algorithm:hex such as sha256:<64 hex digits>; pin a real digest.`;
    }
    if (tag === undefined) {
        return `uses ${image} without a tag, which pulls latest; pin a version tag such as ${image}:v1.2.3.`;
    }
    if (config.floatingTags.includes(tag)) {
        return `uses the floating tag "${tag}" (${image}); pin a version tag or a digest.`;
    }
    return undefined;
}
