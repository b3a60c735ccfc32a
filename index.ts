/**
 * The program: load and validate the stack config, build the components, wire one component's
 * outputs into the next and export what operators need.
 */
import { loadConfig } from "./components/config";
import { createProvider } from "./components/provider";
import { ObservabilityStack } from "./components/stack";

// Validation throws before anything below registers a resource.
const { config, secrets } = loadConfig();

const provider = createProvider("kubernetes", config.kubernetes);
const stack = new ObservabilityStack("observability", { config, secrets }, { providers: { kubernetes: provider } });

export const namespace = stack.namespace;
export const grafanaAdminSecret = stack.secrets.grafanaAdminSecretName;
/** Secret output: read it with `pulumi stack output grafanaAdminPassword --show-secrets`. */
export const grafanaAdminPassword = stack.secrets.grafanaAdminPassword;
