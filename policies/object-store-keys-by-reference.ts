/**
 * The configs object-store clients read hold no access keys, even where the config is a
 * Secret: Thanos' objstore.yml (the sidecars' and the thanos chart's `objstoreConfig` Secret) and
 * Loki's config when the chart keeps it in a Secret. Both clients take the key pair from
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (Thanos' S3 provider when access_key is empty, Loki
 * through the AWS SDK's chain), so the pair stays in the one credentials Secret the stack names
 * and reaches the pods by secretKeyRef, never through the program's config, its state or a
 * second Secret. ConfigMaps and literal env values are no-credentials-in-configmaps' and
 * no-literal-credential-env's.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { literalSecretPaths } from "./lib/credentials";
import { dataEntries } from "./lib/documents";
import { objectName, TYPES } from "./lib/k8s";
import { isLokiConfigObject } from "./lib/loki";
import { unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

/** The data key Thanos components read their objstore config from (thanos chart, kube-prometheus-stack). */
const OBJSTORE_KEY = /^objstore\.ya?ml$/;
const LOKI_CONFIG_KEY = /\.ya?ml$/;

const REMEDY = "leave the keys out of the file and give the containers AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY " +
    "from the credentials Secret by valueFrom.secretKeyRef (observability:objectStorage.credentials)";

export const objectStoreKeysByReference: ResourceValidationPolicy = {
    name: "object-store-keys-by-reference",
    description: "Secrets that hold a Thanos objstore config or Loki's config carry no object-store access keys; those come from the credentials Secret as environment variables.",
    enforcementLevel: "mandatory",
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.secret) {
            return;
        }
        const loki = isLokiConfigObject(args.type, args.props);
        // Which keys are wanted is decided from the key names alone: other entries of a Secret
        // (a generated password a preview does not know) are never read.
        const wanted = (key: string) => OBJSTORE_KEY.test(key) || (loki && LOKI_CONFIG_KEY.test(key));
        const { entries, unknown } = dataEntries(args.type, args.props, wanted);
        const name = objectName(args.props, args.name);
        for (const [key, text] of Object.entries(entries)) {
            for (const path of literalSecretPaths(text)) {
                reportViolation(`Secret ${name} holds an object-store key in ${key} at ${path}; ${REMEDY}.`);
            }
        }
        // A whole `stringData` that is not known says nothing about whose Secret this is; only a
        // wanted key whose value is not known is this policy's to report.
        for (const { path, key } of unknown.filter((u) => u.key !== undefined)) {
            reportViolation(unknownMessage(`Secret ${name}`, path, `render ${key} from stack config; ${REMEDY}`));
        }
    }),
};
