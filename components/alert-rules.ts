/**
 * AlertRules: the stack's PrometheusRule objects. One for the stack watching itself and one
 * per onboarded app (its alerts, then its SLOs' recording rules and burn-rate alerts, then the
 * alerts its config defines), one for stack-wide alerts of the config when it has some, all in
 * the stack namespace: Prometheus selects every PrometheusRule in
 * every namespace (ruleSelectorNilUsesHelmValues: false in builders/prometheus-values.ts), an
 * app onboarded before its namespace exists does not fail the update, and deleting an app's
 * namespace cannot drop its alerts.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { appObjectName, MONITORING_API_VERSION } from "./builders/app-monitors";
import { appRuleGroup } from "./builders/rules/apps";
import { appMetricAlertGroups, CustomRuleGroup, stackMetricAlertGroups } from "./builders/rules/custom";
import { stackRuleGroups } from "./builders/rules/stack";
import { sloRuleGroups } from "./builders/rules/slos";
import type { RecordingRuleGroup, RuleGroup } from "./builders/rules/types";
import type { StackConfig } from "./config";
import { standardLabels } from "./labels";

/** Name of the PrometheusRule with the stack's self-monitoring groups. */
export const STACK_RULES_NAME = "observability-stack";

/** Name of the PrometheusRule with the stack-wide alerts of `alerting.metricAlerts`. */
export const CUSTOM_RULES_NAME = "observability-custom";

/**
 * Name of an app's PrometheusRule, `app.<namespace>.<name>` (appObjectName: injective, so two
 * apps never share one, and never the `app-<namespace>-<name>` of earlier versions).
 */
export function appRulesName(app: { namespace: string; name: string }): string {
    return appObjectName(app);
}

export interface AlertRulesArgs {
    /** Namespace the PrometheusRule objects go into: the stack namespace. */
    namespace: pulumi.Input<string>;
    /** The validated stack config: namespace, log agent, event exporter and `apps` shape the rules. */
    config: StackConfig;
}

export class AlertRules extends pulumi.ComponentResource {
    /** Names of the PrometheusRule objects, stack rules first. */
    public readonly ruleNames: pulumi.Output<string[]>;

    constructor(name: string, args: AlertRulesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:k8s:AlertRules", name, {}, opts);
        const custom = stackMetricAlertGroups(args.config);
        const rules = [
            this.prometheusRule(`${name}-stack`, STACK_RULES_NAME, STACK_RULES_NAME, args.namespace, stackRuleGroups(args.config)),
            // Only stacks with alerts of their own get it, so the others keep their objects.
            ...(custom.length === 0 ? [] : [this.prometheusRule(`${name}-custom`, CUSTOM_RULES_NAME, CUSTOM_RULES_NAME, args.namespace, custom)]),
            ...args.config.apps.map((app) =>
                // The instance label is the app's name, not the object's: a label value stops
                // at 63 characters, and namespace and name may be 63 each (the object name,
                // a DNS subdomain, may be 253).
                this.prometheusRule(`${name}-${appRulesName(app)}`, appRulesName(app), app.name, args.namespace, [appRuleGroup(app), ...sloRuleGroups(app), ...appMetricAlertGroups(app, args.config)]),
            ),
        ];
        this.ruleNames = pulumi.all(rules.map((r) => r.metadata.name));
        this.registerOutputs({ ruleNames: this.ruleNames });
    }

    private prometheusRule(resourceName: string, ruleName: string, instance: string, namespace: pulumi.Input<string>, groups: (RuleGroup | RecordingRuleGroup | CustomRuleGroup)[]): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(resourceName, {
            apiVersion: MONITORING_API_VERSION,
            kind: "PrometheusRule",
            metadata: { name: ruleName, namespace, labels: standardLabels("alert-rules", instance, "rules") },
            spec: { groups },
        }, { parent: this });
    }
}
