/**
 * The subset of Alertmanager's configuration file the program writes, with the file's own
 * snake_case field names (https://prometheus.io/docs/alerting/latest/configuration/).
 */

export interface GlobalConfig {
    smtp_smarthost: string;
    smtp_from: string;
    smtp_auth_username: string;
    /** Alertmanager reads the password from this file at send time. */
    smtp_auth_password_file: string;
    smtp_require_tls: boolean;
}

export interface Route {
    receiver?: string;
    group_by?: string[];
    /** Label matchers in Alertmanager's `name="value"` / `name=~"re"` syntax. */
    matchers?: string[];
    continue?: boolean;
    group_wait?: string;
    group_interval?: string;
    repeat_interval?: string;
    /** Names of `time_intervals` during which the route notifies nobody. */
    mute_time_intervals?: string[];
    /** Names of `time_intervals` outside of which the route notifies nobody. */
    active_time_intervals?: string[];
    routes?: Route[];
}

export interface EmailConfig {
    /** Comma-separated address list. */
    to: string;
    send_resolved?: boolean;
}

export interface SlackConfig {
    api_url_file: string;
    channel: string;
    send_resolved?: boolean;
}

export interface WebhookConfig {
    url_file: string;
    send_resolved?: boolean;
}

export interface Receiver {
    name: string;
    email_configs?: EmailConfig[];
    slack_configs?: SlackConfig[];
    webhook_configs?: WebhookConfig[];
}

export interface InhibitRule {
    source_matchers: string[];
    target_matchers: string[];
    equal: string[];
}

/** A time range of a day, "HH:MM" to "HH:MM" (end excluded). */
export interface TimeRange {
    start_time: string;
    end_time: string;
}

/** One period of a named time interval: every field given must hold. */
export interface TimePeriod {
    times?: TimeRange[];
    weekdays?: string[];
    days_of_month?: string[];
    months?: string[];
    years?: string[];
    /** IANA time zone the period is read in, such as Europe/Berlin; UTC when absent. */
    location?: string;
}

export interface TimeInterval {
    name: string;
    time_intervals: TimePeriod[];
}

export interface AlertmanagerConfig {
    global: GlobalConfig;
    route: Route;
    receivers: Receiver[];
    inhibit_rules: InhibitRule[];
    /** Named time intervals that routes mute or activate by (Alertmanager >= 0.24). */
    time_intervals?: TimeInterval[];
    /** Notification template files; the operator-run Alertmanager needs none. */
    templates?: string[];
}
