package dev.voiceplane.synth.helm;

import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.MeshSidecar;
import java.util.List;
import java.util.Map;

/**
 * The values of a stack's Helm chart: what an app team may change without regenerating it. The
 * defaults are the stack's own settings ({@link DefaultValues}), so {@code helm template} with them
 * renders what plain synth writes. values.yaml is this record written with its {@link Doc}s
 * ({@link ValuesFile}), values.schema.json its type ({@link ValuesSchema}). A {@code null} component is
 * absent from values.yaml and, unless {@link Doc#optional()}, from the schema.
 */
@Doc("Values of a voiceplane chart")
public record ChartValues(
        @Doc("The namespace the release's objects go to, and its guard rails") Namespace namespace,
        @Doc("Objects outside the release namespace (ClusterRoles and their bindings, RBAC in kube-system)") ClusterScoped clusterScoped,
        @Doc("Where the service images come from") Images images,
        @Doc(value = "Per catalog service: replicas or autoscaling bounds, and container resources", closed = true) Map<String, ServiceValues> services,
        @Doc(value = "Per supporting workload (monitoring, tracing, data stores): container resources", closed = true) Map<String, WorkloadValues> workloads,
        @Doc("Scheduling and metadata applied to every pod of the chart") Pods pods,
        @Doc("Service mesh (Istio) sidecar injection") Mesh mesh,
        @Doc("Public endpoints; absent when the system exposes nothing") Ingress ingress,
        @Doc(value = "StorageClass for each storage tier the chart's volumes name (tier: class)", closed = true) Map<String, String> storageClasses,
        @Doc("NetworkPolicy address blocks") NetworkPolicy networkPolicy,
        @Doc(value = "Annotations of each ServiceAccount (cloud identity ids: azure.workload.identity/client-id, eks.amazonaws.com/role-arn)", closed = true) Map<String, ServiceAccount> serviceAccounts,
        @Doc("Monitoring sizing") Monitoring monitoring,
        @Doc(value = "Feature flags of the system's ConfigMap", closed = true) Map<String, Boolean> features) {

    @Doc("The release namespace")
    public record Namespace(
            @Doc("Render a Namespace object (with the labels below). Leave false with helm --create-namespace or a namespace made by the platform") boolean create,
            @Doc(value = "Namespace for the objects instead of the release's (bitnami's namespaceOverride); empty for the release namespace",
                    pattern = "^$|^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$") String name,
            @Doc("Labels of the rendered Namespace: Pod Security admission level and mesh injection. helm --create-namespace makes a bare namespace: add these labels yourself") Map<String, String> labels,
            @Doc("ResourceQuota of the namespace, from the stack file; not recomputed from replicas (a guard fails when minimum scale does not fit)") Capacity quota,
            @Doc("LimitRange defaults for containers that state no resources") ContainerDefaults limitRange) {
    }

    @Doc("Namespace totals")
    public record Capacity(@Doc("Total requests") Quantities requests, @Doc("Total limits") Quantities limits) {
    }

    @Doc("Container defaults")
    public record ContainerDefaults(@Doc("Default limits") Quantities defaults, @Doc("Default requests") Quantities defaultRequests) {
    }

    @Doc("Cluster-scoped objects")
    public record ClusterScoped(
            @Doc("Render them; their names carry the release namespace, so two releases do not collide. False when the cluster's owner grants them") boolean create) {
    }

    @Doc("Image registry, tag and pull secrets shared by every service image")
    public record Images(
            @Doc(value = "Registry prefix, e.g. myregistry.azurecr.io; empty for none", pattern = "^$|^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?(/[a-z0-9._-]+)*$") String registry,
            @Doc(value = "Tag of every service image; never latest (a floating tag rolls pods to unknown code)",
                    pattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", not = "latest") String tag,
            @Doc("Secrets of every pod's imagePullSecrets") List<PullSecret> pullSecrets) {
    }

    @Doc("A pull secret in the release namespace")
    public record PullSecret(@Doc(value = "Secret name", pattern = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String name) {
    }

    /**
     * One service's scale and resources. The stack file's {@code voiceplane:services.<name>} entries use
     * the same names ({@link dev.voiceplane.stack.ServiceSettings#KEYS}; a test keeps them equal).
     */
    @Doc("One service's scale and resources")
    public record ServiceValues(
            @Doc(value = "Fixed replica count (services without an autoscaler)", minimum = 1) Integer replicas,
            @Doc(value = "Lowest replica count the HorizontalPodAutoscaler keeps", minimum = 1) Integer minReplicas,
            @Doc(value = "Highest replica count the HorizontalPodAutoscaler scales to; at least minReplicas", minimum = 1) Integer maxReplicas,
            @Doc("Requests and limits of the service's containers, its migrate init container, and its VPA bounds") Resources resources,
            @Doc(value = "Average CPU utilization (percent of the requests) the HorizontalPodAutoscaler holds", minimum = 1, maximum = 100)
            Integer targetCPUUtilizationPercentage,
            @Doc(value = "Average memory utilization (percent of the requests) the HorizontalPodAutoscaler holds", minimum = 1, maximum = 100)
            Integer targetMemoryUtilizationPercentage) {
    }

    @Doc("One supporting workload's resources")
    public record WorkloadValues(@Doc("Requests and limits of its main container") Resources resources) {
    }

    @Doc("Container requests and limits")
    public record Resources(@Doc("Guaranteed share") Quantities requests, @Doc("Hard cap") Quantities limits) {
    }

    @Doc("CPU and memory as Kubernetes quantities")
    public record Quantities(
            @Doc(value = "CPU, e.g. 500m or 2", pattern = ValuesSchema.CPU, orNumber = true) String cpu,
            @Doc(value = "Memory, e.g. 1Gi or 512Mi", pattern = ValuesSchema.MEMORY, orNumber = true) String memory) {
    }

    @Doc("Pod scheduling and metadata")
    public record Pods(
            @Doc("nodeSelector of every pod; empty keeps the chart's") Map<String, String> nodeSelector,
            @Doc("tolerations of every pod; empty keeps the chart's") List<Map<String, Object>> tolerations,
            @Doc("affinity of every pod; replaces the chart's anti-affinity when set") Map<String, Object> affinity,
            @Doc("Annotations added to every pod") Map<String, String> annotations) {
    }

    @Doc("Istio")
    public record Mesh(
            @Doc("Inject the Istio sidecar into the pods the stack meshes (pod label sidecar.istio.io/inject), with STRICT mutual TLS"
                    + " (PeerAuthentication), cookie affinity (DestinationRule) and a NetworkPolicy to istiod. Off: none of these render, and Prometheus scrapes each"
                    + " service's own " + ServiceSpec.METRICS_PATH + " on its port instead of the sidecar's merged metrics on " + MeshSidecar.MERGED_METRICS_PORT
                    + " (its ServiceMonitors and NetworkPolicies follow), and the WebSocket Ingress keeps callers on their pod with"
                    + " ingress-nginx's own affinity cookie")
            boolean enabled,
            @Doc(value = "Sidecar resources as Istio's proxy annotations on injected pods; absent for Istio's defaults", optional = true) Resources proxy) {
    }

    @Doc("Public host names, TLS and their classes")
    public record Ingress(
            @Doc(value = "IngressClass of every Ingress", pattern = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") String className,
            @Doc("Serve TLS with a cert-manager certificate (requires the hosts)") Boolean tls,
            @Doc("cert-manager ClusterIssuer of the certificates") String clusterIssuer,
            @Doc(value = "Host of the HTTP APIs, api.<domain>", pattern = ValuesSchema.HOST) String apiHost,
            @Doc(value = "Host of the WebSocket endpoint, ws.<domain>", pattern = ValuesSchema.HOST) String wsHost) {
    }

    @Doc("NetworkPolicy")
    public record NetworkPolicy(
            @Doc(value = "Address block for each block the chart's policies name (as synthesized: on your network)", closed = true) Map<String, String> cidrs) {
    }

    @Doc("A ServiceAccount")
    public record ServiceAccount(@Doc("Its annotations") Map<String, String> annotations) {
    }

    @Doc("Prometheus sizing")
    public record Monitoring(@Doc("The Prometheus server (prometheus-operator resource)") Prometheus prometheus) {
    }

    @Doc("Prometheus")
    public record Prometheus(
            @Doc(value = "Prometheus replicas", minimum = 1) Integer replicas,
            @Doc(value = "How long samples are kept, e.g. 15d", pattern = "^[0-9]+(ms|s|m|h|d|w|y)$") String retention,
            @Doc(value = "Size of its volume", pattern = ValuesSchema.MEMORY) String storage,
            @Doc("Its container resources") Resources resources) {
    }
}
