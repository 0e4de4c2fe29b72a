{{/* The labels of every object: the kustomize base's part-of label and Helm's own. */}}
{{- define "pgmc.labels" -}}
app.kubernetes.io/part-of: postgres-metacontroller
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Where Metacontroller reaches a hook. */}}
{{- define "pgmc.hookUrl" -}}
http://postgres-metacontroller-hooks.{{ .root.Release.Namespace }}/{{ .hook }}
{{- end -}}

{{/* What running database pods use (Patroni renews its leader lock through it): helm uninstall leaves it. */}}
{{- define "pgmc.keep" -}}
annotations:
  helm.sh/resource-policy: keep
{{- end -}}
