/** The one wrapper every resource policy's validation runs under (see unknowns.ts). */
import type { ResourceValidation } from "@pulumi/policy";
import { objectName } from "./k8s";
import { reportingUnknowns } from "./unknowns";

/**
 * `validate`, with any value it reads that is not known during preview reported as a violation
 * of the object instead of escaping to the policy server, which would skip the policy for it.
 * Policies catch unknowns closer to where they read them when the rest of the object can still
 * be checked; this is the backstop for a value the whole check depends on.
 */
export function checkingUnknowns(validate: (...args: Parameters<ResourceValidation>) => void): ResourceValidation {
    return (args, reportViolation) => {
        reportingUnknowns(objectName(args.props, args.name), (message) => reportViolation(message), () => validate(args, reportViolation));
    };
}
