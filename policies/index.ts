/**
 * The CrossGuard policy pack. Run it with
 * `pulumi preview --policy-pack policies --policy-pack-config policies/config/<stack>.json`.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT, PACK_NAME, POLICIES } from "./pack";

new PolicyPack(PACK_NAME, {
    description: "Retention, storage and secret hygiene for the observability stack: Prometheus, Alertmanager, Loki and Grafana.",
    enforcementLevel: PACK_ENFORCEMENT,
    policies: POLICIES,
});
