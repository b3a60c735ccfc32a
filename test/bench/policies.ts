/** The policy pack's throughput figure for `npm run bench` (implemented with the policy tests). */
export { benchPolicies, type PolicyBench } from "../policies/throughput";
