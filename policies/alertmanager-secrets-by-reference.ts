/** Alertmanager reads SMTP passwords, Slack URLs and webhook tokens from mounted files. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsOf, inlineSecrets } from "./lib/alertmanager";
import { objectName } from "./lib/k8s";

export const alertmanagerSecretsByReference: ResourceValidationPolicy = {
    name: "alertmanager-secrets-by-reference",
    description: "Alertmanager configs carry no inline SMTP password, Slack URL, webhook token or API key; each uses its *_file twin with a mounted Secret.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const name = objectName(args.props, args.name);
        for (const { key, config } of alertmanagerConfigsOf(args.type, args.props)) {
            for (const path of inlineSecrets(config)) {
                const field = path.split(".").pop() ?? path;
                reportViolation(
                    `Alertmanager config ${name}/${key} writes ${path} inline, so the credential sits in Helm values and the Pulumi state; ` +
                        `mount the Secret that holds it (alertmanagerSpec.secrets) and use ${field}_file instead.`,
                );
            }
        }
    },
};
