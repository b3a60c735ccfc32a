/**
 * The e2e tier's inputs, all produced by the program's own builders: rule files and the
 * Alertmanager config for a stack, written into a temporary directory.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { alertmanagerConfig, type AlertmanagerConfig } from "../../../components/builders/alertmanager-config";
import type { AlertRule } from "../../../components/builders/rules/types";
import { alertRulesOf, ruleFile } from "../../../components/builders/rules/stack";
import type { ConfigTree } from "../../../components/presets";
import type { StackConfig } from "../../../components/schema";
import type { SecretPresence } from "../../../components/config-secret-checks";
import { SECRETS } from "../../../components/secrets";
import { stackConfig } from "../../helpers/config";

/** Writes YAML (long PromQL lines unfolded, so files read like hand-written ones). */
export function writeYaml(file: string, data: unknown): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, YAML.stringify(data, { lineWidth: 0 }));
    return file;
}

/** The generated rule file of a stack config, written to `dir/rules.yml`. */
export function writeRules(dir: string, config: StackConfig, name = "rules.yml"): string {
    return writeYaml(path.join(dir, name), ruleFile(config));
}

/** Every alert rule of a config, flattened (recording rules left out). */
export function allRules(config: StackConfig): AlertRule[] {
    return ruleFile(config).groups.flatMap(alertRulesOf);
}

/** The generated Alertmanager config, with its secrets read from files under `secretsDir`. */
export function writeAlertmanagerConfig(file: string, config: StackConfig, secretsDir: string): string {
    const am: AlertmanagerConfig = alertmanagerConfig(config, secretsDir);
    return writeYaml(file, am);
}

/** Lays out `secretsDir/<secret>/<key>` as the operator mounts alertmanagerSpec.secrets. */
export function writeSmtpPassword(secretsDir: string, password: string): void {
    const dir = path.join(secretsDir, SECRETS.smtp.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, SECRETS.smtp.passwordKey), password, { mode: 0o600 });
}

/**
 * The prod stack pointed at a local sink: same receivers and routing, plain SMTP to 127.0.0.1
 * and short timings so a test takes seconds (group_wait 30s and group_interval 5m in the
 * presets would make it take minutes). Timings are config, so this is the builder's normal path.
 * `alerting` adds keys of the alerting section (receivers, routes, ...), `secrets` says which
 * secret keys the test sets.
 */
export function localDeliveryConfig(smtpPort: number, alerting: ConfigTree = {}, secrets?: SecretPresence): StackConfig {
    return stackConfig("prod", {
        alerting: {
            smtp: { smarthost: `127.0.0.1:${smtpPort}`, requireTls: false },
            groupWait: "1s",
            groupInterval: "1s",
            repeatInterval: "1h",
            ...alerting,
        },
    }, secrets);
}
