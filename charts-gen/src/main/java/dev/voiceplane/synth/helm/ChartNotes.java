package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.StackConfig;

/** NOTES.txt: what the release installed, how to reach it, and what the namespace still needs. */
final class ChartNotes {
    private ChartNotes() {
    }

    static String text(StackConfig stack, ChartObjects objects) {
        String c = stack.system().id();
        String ns = "{{ include \"" + c + ".namespace\" . }}";
        StringBuilder services = new StringBuilder();
        String forward = null;
        for (JsonNode svc : objects.owned("Service")) {
            String name = svc.at("/metadata/name").asText();
            JsonNode port = svc.at("/spec/ports/0/port");
            services.append("  - ").append(name).append(port.isMissingNode() ? "" : ":" + port.asInt()).append('\n');
            if (forward == null && !port.isMissingNode() && objects.workload(name) != null) {
                forward = "kubectl --namespace " + ns + " port-forward svc/" + name + " " + port.asInt() + ":" + port.asInt();
            }
        }
        return "{{ .Chart.Name }} {{ .Values.images.tag }} (chart {{ .Chart.Version }}) is installed as release \"{{ .Release.Name }}\""
                + " in namespace \"" + ns + "\".\n\n"
                + "Services:\n" + services + "\n"
                + "See them come up:\n  kubectl --namespace " + ns + " get pods,deployments,statefulsets -l app.kubernetes.io/instance={{ .Release.Name }}\n\n"
                + "{{- if .Values.ingress }}\nReach it from outside:\n"
                + "{{- if .Values.ingress.apiHost }}\n  API:       http{{ if .Values.ingress.tls }}s{{ end }}://{{ .Values.ingress.apiHost }}/{{ end }}\n"
                + "{{- if .Values.ingress.wsHost }}\n  WebSocket: ws{{ if .Values.ingress.tls }}s{{ end }}://{{ .Values.ingress.wsHost }}/{{ end }}\n"
                + "  (IngressClass {{ .Values.ingress.className }}; point the hosts' DNS at its load balancer)\n{{- end }}\n"
                + (forward == null ? "" : "\nReach it from your machine:\n  " + forward + "\n")
                + "{{- with (.Values.namespace.quota | default dict).requests }}{{ if and .cpu .memory }}\n"
                + "{{- $max := include \"" + c + ".serviceRequests\" (list $ \"maximum\") | fromJson }}\n\n"
                + "Quota headroom: at maximum scale the services request {{ $max.cpu | int }}m CPU and {{ div ($max.memory | int64) 1048576 }}Mi"
                + " of the quota's {{ .cpu }} CPU and {{ .memory }}.\n"
                + "{{- if or (gt $max.cpu (include \"" + c + ".millicores\" .cpu | float64)) (gt $max.memory (include \"" + c + ".bytes\" .memory | float64)) }}\n"
                + "WARNING: that is above the quota, so the autoscalers stop short of maxReplicas; raise namespace.quota to let them.\n"
                + "{{- end }}\n{{- end }}{{ end }}\n"
                + "{{- if not .Values.namespace.create }}\n\n"
                + "The namespace is not part of this release. If --create-namespace made it, it is bare; label it:\n"
                + "  kubectl label namespace " + ns + "{{ range $k, $v := .Values.namespace.labels }} {{ $k }}={{ $v }}{{ end }}\n"
                + "{{- end }}\n"
                + "{{- if not .Values.clusterScoped.create }}\n\n"
                + "Cluster-scoped objects (ClusterRoles and bindings, RBAC in other namespaces) were not rendered: the cluster's owner grants them.\n"
                + "{{- end }}\n";
    }
}
