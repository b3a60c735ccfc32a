/** Alertmanager reads SMTP passwords, Slack URLs and webhook tokens from mounted files. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { alertmanagerConfigsOf, inlineSecrets, operatorConfigOf } from "./lib/alertmanager";
import { objectName } from "./lib/k8s";

export const alertmanagerSecretsByReference: ResourceValidationPolicy = {
    name: "alertmanager-secrets-by-reference",
    description: "Alertmanager configs (alertmanager.yaml, AlertmanagerConfig CRs, an Alertmanager's alertmanagerConfiguration) carry no inline SMTP password, Slack URL, webhook token or API key; each comes from a mounted file or a Secret key selector.",
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
        const native = operatorConfigOf(args.type, args.props);
        if (native === undefined) {
            return;
        }
        for (const path of inlineSecrets(native.config)) {
            reportViolation(
                `${args.props.kind ?? "Alertmanager config"} ${name} ${native.key}.${path} is a literal credential, so it sits in the Pulumi state; ` +
                    "put it in a Secret and reference it with a Secret key selector ({name, key}: urlSecret for webhooks, apiURL/authPassword selectors elsewhere).",
            );
        }
    },
};
