/**
 * Notification templates Alertmanager loads (`templates:`): an e-mail subject and body and a
 * Slack title and message that say what fired, where, since when, the summary and
 * description, and link the runbook, the Grafana dashboard (the `dashboard` annotation of
 * builders/rules/custom.ts), the rule's source and a silence. Resolved notices say so.
 *
 * They redefine Alertmanager's default template names (email.default.subject,
 * email.default.html, slack.default.title, slack.default.text), which every e-mail and Slack
 * config uses when it sets no text of its own: Alertmanager parses its default.tmpl before the
 * configured files, and Go's text/template and html/template take the last definition of a
 * name (https://pkg.go.dev/text/template#Template.Parse). So the receivers' configs stay as
 * they were; the e2e tier renders these with a real Alertmanager (test/e2e/notifications).
 */

/**
 * File name in the Alertmanager config Secret. The operator copies that Secret's keys other than
 * alertmanager.yaml into the config Secret it generates and mounts at ALERTMANAGER_CONFIG_DIR
 * (prometheus-operator v0.93, pkg/alertmanager/operator.go: loadConfigurationFromSecret).
 */
export const NOTIFICATION_TEMPLATE_FILE = "notifications.tmpl";

/** Where kube-prometheus-stack's `templateFiles` land (chart values: alertmanager.templateFiles). */
export const ALERTMANAGER_CONFIG_DIR = "/etc/alertmanager/config";

const TIME = '"2006-01-02 15:04:05 MST"';

/** `[FIRING:2] Name (severity) service in namespace: summary`: what fired and where, at a glance. */
const TITLE = `{{ define "obs.title" -}}
[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}
{{- with .CommonLabels.severity }} ({{ . }}){{ end }}
{{- with .CommonLabels.service }} {{ . }}{{ end }}
{{- with .CommonLabels.namespace }} in {{ . }}{{ end }}
{{- with .CommonAnnotations.summary }}: {{ . }}{{ end }}
{{- end }}`;

/** Where one alert is: cluster, namespace, service and the object, as its labels say. */
const WHERE = `{{ define "obs.where" -}}
{{ with .Labels.cluster }}cluster {{ . }}, {{ end }}
{{- with .Labels.namespace }}namespace {{ . }}, {{ end }}
{{- with .Labels.service }}service {{ . }}{{ end }}
{{- with .Labels.pod }}, pod {{ . }}{{ end }}
{{- with .Labels.persistentvolumeclaim }}, claim {{ . }}{{ end }}
{{- end }}`;

/** A new silence pre-filled with the group's common labels, in Alertmanager's own UI. */
const SILENCE = `{{ define "obs.silence" -}}
{{ .ExternalURL }}/#/silences/new?filter=%7B
{{- range $i, $p := .CommonLabels.SortedPairs }}{{ if $i }}%2C{{ end }}{{ $p.Name }}%3D%22{{ $p.Value | urlquery }}%22{{ end }}%7D
{{- end }}`;

const EMAIL_SUBJECT = `{{ define "email.default.subject" }}{{ template "obs.title" . }}{{ end }}`;

const EMAIL_HTML = `{{ define "email.default.html" -}}
<!DOCTYPE html>
<html><head><meta charset="UTF-8"><title>{{ template "obs.title" . }}</title></head>
<body style="font-family: sans-serif">
{{ if eq .Status "resolved" }}<h2>Resolved: {{ .CommonLabels.alertname }}</h2>
<p>This problem is resolved; nothing needs doing.</p>
{{ else }}<h2>Firing: {{ .CommonLabels.alertname }}</h2>
{{ end }}
{{- range .Alerts }}
<h3>{{ with .Annotations.summary }}{{ . }}{{ else }}{{ .Labels.alertname }}{{ end }}</h3>
{{ with .Annotations.description }}<p>{{ . }}</p>
{{ end -}}
<table>
<tr><td>Status</td><td>{{ .Status }}</td></tr>
<tr><td>Where</td><td>{{ template "obs.where" . }}</td></tr>
<tr><td>Since</td><td>{{ .StartsAt.Format ${TIME} }}</td></tr>
{{ if eq .Status "resolved" }}<tr><td>Resolved at</td><td>{{ .EndsAt.Format ${TIME} }}</td></tr>
{{ end -}}
<tr><td>Labels</td><td>{{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}</td></tr>
</table>
<p>{{ with .Annotations.runbook_url }}<a href="{{ . }}">Runbook</a> | {{ end }}{{ with .Annotations.dashboard }}<a href="{{ . }}">Dashboard</a> | {{ end }}<a href="{{ .GeneratorURL }}">Source</a></p>
{{- end }}
<p><a href="{{ template "obs.silence" . }}">Silence</a> | <a href="{{ .ExternalURL }}">Alertmanager</a></p>
</body></html>
{{- end }}`;

const SLACK_TITLE = `{{ define "slack.default.title" }}{{ template "obs.title" . }}{{ end }}`;

const SLACK_TEXT = `{{ define "slack.default.text" -}}
{{ if eq .Status "resolved" }}Resolved; nothing needs doing.
{{ end }}
{{- range .Alerts }}*{{ with .Annotations.summary }}{{ . }}{{ else }}{{ .Labels.alertname }}{{ end }}*
{{ with .Annotations.description }}{{ . }}
{{ end }}Where: {{ template "obs.where" . }}
Since: {{ .StartsAt.Format ${TIME} }}
{{ with .Annotations.runbook_url }}<{{ . }}|Runbook> {{ end }}{{ with .Annotations.dashboard }}<{{ . }}|Dashboard> {{ end }}<{{ .GeneratorURL }}|Source>
{{ end }}<{{ template "obs.silence" . }}|Silence>
{{- end }}`;

/** The template file's text. */
export function notificationTemplates(): string {
    return [
        "{{/* Notifications of the observability stack: builders/notifications/templates.ts. */}}",
        TITLE, WHERE, SILENCE, EMAIL_SUBJECT, EMAIL_HTML, SLACK_TITLE, SLACK_TEXT,
    ].join("\n\n") + "\n";
}
