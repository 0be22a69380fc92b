{{- define "sso-broker.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "sso-broker.labels" -}}
app.kubernetes.io/name: sso-broker
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selects every broker pod of the release: the members of one event bus. */}}
{{- define "sso-broker.fleetSelector" -}}
app.kubernetes.io/name: sso-broker
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sso-broker.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "sso-broker.name" . }}-secrets{{- else -}}{{ required "secrets.existingSecret or secrets.create" .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{- define "sso-broker.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
