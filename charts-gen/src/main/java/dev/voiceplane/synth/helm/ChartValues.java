package dev.voiceplane.synth.helm;

import java.util.Map;

/**
 * The values of a stack's Helm chart: what an app team may change without regenerating it. The
 * defaults are the stack's own settings, so {@code helm template} with them renders exactly what
 * plain synth writes. values.yaml is this record serialized, values.schema.json its type
 * ({@link ValuesSchema}). A {@code null} component is absent from values.yaml and optional in the schema.
 */
@Doc("Values of a voiceplane chart")
public record ChartValues(
        @Doc("Where the service images come from") Images images,
        @Doc("Per service (by catalog name): replicas and container resources") Map<String, ServiceValues> services,
        @Doc("Public host names; absent when the system exposes nothing") Ingress ingress,
        @Doc("Feature flags of the system's ConfigMap") Map<String, Boolean> features) {

    @Doc("Image registry and tag shared by every service image")
    public record Images(
            @Doc("Registry prefix, e.g. myregistry.azurecr.io; empty for none") String registry,
            @Doc("Tag of every service image; never latest") String tag) {
    }

    @Doc("One service's scale and resources")
    public record ServiceValues(
            @Doc("Fixed replica count; only for services without an autoscaler") Integer replicas,
            @Doc("Lowest replica count the HorizontalPodAutoscaler keeps") Integer minReplicas,
            @Doc("Highest replica count the HorizontalPodAutoscaler scales to") Integer maxReplicas,
            @Doc("Requests and limits of the service's containers") Resources resources) {
    }

    @Doc("Container requests and limits")
    public record Resources(@Doc("Guaranteed share") Quantities requests, @Doc("Hard cap") Quantities limits) {
    }

    @Doc("CPU and memory as Kubernetes quantities")
    public record Quantities(@Doc("CPU, e.g. 500m") String cpu, @Doc("Memory, e.g. 1Gi") String memory) {
    }

    @Doc("Public host names")
    public record Ingress(
            @Doc(value = "Host of the HTTP APIs, api.<domain>; absent without one", optional = true) String apiHost,
            @Doc(value = "Host of the WebSocket endpoint, ws.<domain>; absent without one", optional = true) String wsHost) {
    }
}
