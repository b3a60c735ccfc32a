/** Alertmanager reads SMTP passwords, Slack URLs and webhook tokens from mounted files. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsOf, inlineSecrets, operatorConfigOf } from "./lib/alertmanager";
import { objectName } from "./lib/k8s";
import { at, unknownMessage } from "./lib/unknowns";
import { checkingUnknowns } from "./lib/validation";

/**
 * An Alertmanager config built from stack config, file paths and Secret selectors is known in a
 * preview; a part that is not was computed from another resource, most often a generated
 * credential written into it, so it is reported rather than passed.
 */
const UNKNOWN_CONFIG = "a config only depends on another resource when something such as a generated credential is written into it";

export const alertmanagerSecretsByReference: ResourceValidationPolicy = {
    name: "alertmanager-secrets-by-reference",
    description: "Alertmanager configs (alertmanager.yaml, AlertmanagerConfig CRs, an Alertmanager's alertmanagerConfiguration) carry no inline SMTP password, Slack URL, webhook token or API key; each comes from a mounted file or a Secret key selector.",
    enforcementLevel: "mandatory",
    validateResource: checkingUnknowns((args, reportViolation) => {
        const { configs, unknown } = alertmanagerConfigsOf(args.type, args.props);
        const name = objectName(args.props, args.name);
        for (const path of unknown) {
            reportViolation(unknownMessage(`Alertmanager config ${name}`, path, `${UNKNOWN_CONFIG}: mount the Secret that holds it and use the *_file fields`));
        }
        for (const { key, config } of configs) {
            for (const path of inlineSecrets(config).found) {
                const field = path.split(".").pop() ?? path;
                reportViolation(
                    `Alertmanager config ${name}/${key} writes ${path} inline, so the credential sits in Helm values and the Pulumi state; ` +
                        `mount the Secret that holds it (alertmanagerSpec.secrets) and use ${field}_file instead.`,
                );
            }
        }
        const native = operatorConfigOf(args.type, args.props);
        if (native === undefined) {
            return;
        }
        const kind = at(args.props, "kind");
        const subject = `${typeof kind === "string" ? kind : "Alertmanager config"} ${name}`;
        const { found, unknown: unseen } = inlineSecrets(native.config);
        for (const path of unseen) {
            reportViolation(unknownMessage(subject, `${native.key}.${path}`, `${UNKNOWN_CONFIG}: reference it with a Secret key selector`));
        }
        for (const path of found) {
            reportViolation(
                `${subject} ${native.key}.${path} is a literal credential, so it sits in the Pulumi state; ` +
                    "put it in a Secret and reference it with a Secret key selector ({name, key}: urlSecret for webhooks, apiURL/authPassword selectors elsewhere).",
            );
        }
    }),
};
