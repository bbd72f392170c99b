{{/* Written by voiceplane for chart CHART; placeholders: CHART (chart name), STACKNS (the stack's own namespace). */}}

{{/* The chart's name (Helm convention; the objects keep the service catalog's names, which the services dial). */}}
{{- define "CHART.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name, as `helm create` and bitnami's common.names.fullname write it. */}}
{{- define "CHART.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version as a label value ("+" of the build metadata is not allowed in labels). */}}
{{- define "CHART.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Helm's standard labels (https://helm.sh/docs/chart_best_practices/labels/), on every object's metadata. */}}
{{- define "CHART.labels" -}}
helm.sh/chart: {{ include "CHART.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Values.images.tag | trunc 63 | trimSuffix "-" | quote }}
{{- end -}}

{{/* Selector labels of the release, for NOTES (the objects' selectors are the synthesized ones, and immutable). */}}
{{- define "CHART.selectorLabels" -}}
app.kubernetes.io/part-of: {{ include "CHART.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The namespace of every namespaced object: the release's, or namespace.name. */}}
{{- define "CHART.namespace" -}}
{{- default .Release.Namespace .Values.namespace.name -}}
{{- end -}}

{{/*
A cluster-scoped name (or a name in another namespace) that two releases do not share: the
stack's namespace in it becomes the release's; a name without it is prefixed by the release
namespace unless that is the stack's own. Arguments: (list $ "name").
*/}}
{{- define "CHART.clusterName" -}}
{{- $ns := include "CHART.namespace" (index . 0) -}}
{{- $name := index . 1 -}}
{{- if contains "STACKNS" $name -}}
{{- replace "STACKNS" $ns $name -}}
{{- else if eq $ns "STACKNS" -}}
{{- $name -}}
{{- else -}}
{{- printf "%s-%s" $ns $name | trunc 253 -}}
{{- end -}}
{{- end -}}

{{/* The image reference of a catalog repository: [registry/]repository:tag. Arguments: (list .Values.images "repository"). */}}
{{- define "CHART.image" -}}
{{- $images := index . 0 -}}
{{- if $images.registry }}{{ $images.registry }}/{{ end }}{{ index . 1 }}:{{ $images.tag }}
{{- end -}}

{{/*
"key: value" on its own line at the given indent: the value when it is not empty, else the
synthesized original (JSON {"v": ...}; {} when the field was absent, so nothing renders). Arguments: dict key, value, original, indent.
*/}}
{{- define "CHART.field" -}}
{{- $original := fromJson .original -}}
{{- $value := .value -}}
{{- if and (not $value) (hasKey $original "v") -}}{{- $value = $original.v -}}{{- end -}}
{{- if or $value (hasKey $original "v") }}
{{ printf "%s:" .key | indent (int .indent) }}{{ toYaml $value | nindent (add (int .indent) 2 | int) }}
{{- end -}}
{{- end -}}

{{/*
A pod's annotations as JSON: the synthesized ones, pods.annotations over them, and Istio's proxy
resource annotations when the pod is meshed and mesh.proxy is set. Arguments: (list $ originalJson meshed).
*/}}
{{- define "CHART.podAnnotations" -}}
{{- $root := index . 0 -}}
{{- $a := fromJson (index . 1) -}}
{{- $a = mergeOverwrite $a (deepCopy ($root.Values.pods.annotations | default dict)) -}}
{{- $proxy := $root.Values.mesh.proxy -}}
{{- if and (index . 2) $root.Values.mesh.enabled $proxy -}}
{{- $_ := set $a "sidecar.istio.io/proxyCPU" $proxy.requests.cpu -}}
{{- $_ = set $a "sidecar.istio.io/proxyMemory" $proxy.requests.memory -}}
{{- $_ = set $a "sidecar.istio.io/proxyCPULimit" $proxy.limits.cpu -}}
{{- $_ = set $a "sidecar.istio.io/proxyMemoryLimit" $proxy.limits.memory -}}
{{- end -}}
{{- toJson $a -}}
{{- end -}}

{{/* A CPU quantity in millicores (the schema's pattern admits only m-suffixed or plain decimal cores). */}}
{{- define "CHART.millicores" -}}
{{- $q := toString . -}}
{{- if hasSuffix "m" $q -}}{{ float64 (trimSuffix "m" $q) }}{{- else -}}{{ mulf (float64 $q) 1000 }}{{- end -}}
{{- end -}}

{{/* A memory quantity in bytes. */}}
{{- define "CHART.bytes" -}}
{{- $q := toString . -}}
{{- $units := dict "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 "Pi" 1125899906842624 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "P" 1000000000000000 -}}
{{- $unit := regexFind "[A-Za-z]+$" $q -}}
{{- $n := float64 (trimSuffix $unit $q) -}}
{{- if $unit }}{{ mulf $n (get $units $unit) }}{{ else }}{{ $n }}{{ end -}}
{{- end -}}

{{/* requests <= limits of one resources value. Arguments: (list "path" resources). */}}
{{- define "CHART.validateResources" -}}
{{- $path := index . 0 -}}
{{- $r := index . 1 -}}
{{- if gt (include "CHART.millicores" $r.requests.cpu | float64) (include "CHART.millicores" $r.limits.cpu | float64) -}}
{{- fail (printf "%s: requests.cpu %s is above limits.cpu %s; Kubernetes refuses a request above its limit" $path $r.requests.cpu $r.limits.cpu) -}}
{{- end -}}
{{- if gt (include "CHART.bytes" $r.requests.memory | float64) (include "CHART.bytes" $r.limits.memory | float64) -}}
{{- fail (printf "%s: requests.memory %s is above limits.memory %s; Kubernetes refuses a request above its limit" $path $r.requests.memory $r.limits.memory) -}}
{{- end -}}
{{- end -}}

{{/*
What the services request at a scale, with a mesh sidecar per pod when the mesh is on and sized:
JSON {"cpu": millicores, "memory": bytes}. Arguments: (list $ "minimum"|"maximum"); a service
without an autoscaler counts its replicas at both.
*/}}
{{- define "CHART.serviceRequests" -}}
{{- $root := index . 0 -}}
{{- $at := index . 1 -}}
{{- $cpu := 0.0 -}}
{{- $memory := 0.0 -}}
{{- $proxy := $root.Values.mesh.proxy -}}
{{- range $name, $s := $root.Values.services -}}
{{- $n := int (default $s.replicas (eq $at "maximum" | ternary $s.maxReplicas $s.minReplicas) | default 1) -}}
{{- $podCpu := include "CHART.millicores" $s.resources.requests.cpu | float64 -}}
{{- $podMemory := include "CHART.bytes" $s.resources.requests.memory | float64 -}}
{{- if and $root.Values.mesh.enabled $proxy -}}
{{- $podCpu = addf $podCpu (include "CHART.millicores" $proxy.requests.cpu | float64) -}}
{{- $podMemory = addf $podMemory (include "CHART.bytes" $proxy.requests.memory | float64) -}}
{{- end -}}
{{- $cpu = addf $cpu (mulf $n $podCpu) -}}
{{- $memory = addf $memory (mulf $n $podMemory) -}}
{{- end -}}
{{- dict "cpu" $cpu "memory" $memory | toJson -}}
{{- end -}}

{{/*
What values.schema.json cannot say: min <= max, request <= limit, and the services at minimum
scale (with their sidecars) fit the namespace quota. Failing here stops helm template/lint/install
with the message. The quota is the stack file's, not recomputed: NOTES shows the headroom at maximum scale.
*/}}
{{- define "CHART.validate" -}}
{{- range $name, $s := .Values.services -}}
{{- if and (hasKey $s "minReplicas") (hasKey $s "maxReplicas") -}}
{{- if gt (int $s.minReplicas) (int $s.maxReplicas) -}}
{{- fail (printf "services.%s: minReplicas (%d) is above maxReplicas (%d); lower minReplicas or raise maxReplicas" $name (int $s.minReplicas) (int $s.maxReplicas)) -}}
{{- end -}}
{{- end -}}
{{- include "CHART.validateResources" (list (printf "services.%s.resources" $name) $s.resources) -}}
{{- end -}}
{{- range $name, $w := .Values.workloads -}}
{{- include "CHART.validateResources" (list (printf "workloads.%s.resources" $name) $w.resources) -}}
{{- end -}}
{{- with .Values.mesh.proxy -}}
{{- include "CHART.validateResources" (list "mesh.proxy" .) -}}
{{- end -}}
{{- $min := include "CHART.serviceRequests" (list . "minimum") | fromJson -}}
{{- with (.Values.namespace.quota | default dict).requests -}}
{{- if and .cpu (gt $min.cpu (include "CHART.millicores" .cpu | float64)) -}}
{{- fail (printf "namespace.quota.requests.cpu %v is below what the services request at minimum scale (%.0fm); raise the quota or lower replicas/requests" .cpu $min.cpu) -}}
{{- end -}}
{{- if and .memory (gt $min.memory (include "CHART.bytes" .memory | float64)) -}}
{{- fail (printf "namespace.quota.requests.memory %v is below what the services request at minimum scale (%.0f bytes); raise the quota or lower replicas/requests" .memory $min.memory) -}}
{{- end -}}
{{- end -}}
{{- end -}}
