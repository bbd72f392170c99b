package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ExternalApi;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.IngressControllerSettings;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.charts.monitoring.PrometheusServer;
import dev.voiceplane.charts.monitoring.TracingPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections the service catalog declares, as {@link Flow}s: each service may reach the
 * services it {@code calls}, the stores it {@code stores} in and, over HTTPS, the internet only if
 * it declares {@code externalApis}; it accepts its callers, the ingress controller when it is
 * exposed, and Prometheus on its metrics port (in a meshed stack, the sidecar's merged-metrics port
 * {@value MeshSidecar#MERGED_METRICS_PORT}: STRICT mutual TLS refuses Prometheus on the service's own). Nothing
 * else: a service that does not declare PostgreSQL has no path to it.
 */
public final class CatalogFlows {

    private CatalogFlows() {
    }

    /**
     * Where a store answers: a workload in the namespace (in-cluster) or a network outside it
     * (managed), and on which port (managed Azure Redis: 6380).
     */
    public record StoreAt(Flow.Peer peer, int port) {
    }

    /**
     * @param services     the system's services
     * @param storePeers   where each store answers
     * @param mesh         whether the services run Istio sidecars under STRICT mutual TLS
     */
    public static List<Flow> of(List<ServiceSpec> services, Map<DataStore, StoreAt> storePeers, boolean mesh) {
        List<Flow> flows = new ArrayList<>();
        for (ServiceSpec s : services) {
            Flow.Peer self = Flow.Peer.workload(s.name());
            for (String callee : s.calls()) {
                flows.add(Flow.tcp(self, Flow.Peer.workload(callee), ServiceCatalog.get(callee).port(),
                        "catalog: " + s.name() + " calls " + callee));
            }
            for (DataStore store : s.stores()) {
                StoreAt target = storePeers.get(store);
                if (target == null) {
                    throw new IllegalArgumentException("service " + s.name() + " stores in " + store.id() + ", which the stack does not provide");
                }
                flows.add(Flow.tcp(self, target.peer(), target.port(), "catalog: " + s.name() + " stores in " + store.id()));
            }
            for (ExternalApi api : s.externalApis()) {
                flows.add(Flow.tcp(self, Flow.Peer.internet(), Flow.HTTPS, "catalog: " + s.name() + " calls " + api));
            }
            if (s.exposure() != Exposure.INTERNAL) {
                flows.add(Flow.tcp(Flow.Peer.namespace(IngressControllerSettings.NAMESPACE, Map.of()), self, s.port(),
                        "catalog: " + s.name() + " is exposed as " + s.exposure()));
            }
            flows.add(mesh
                    ? Flow.tcp(Flow.Peer.workload(PrometheusServer.WORKLOAD), self, MeshSidecar.MERGED_METRICS_PORT, "catalog: " + s.name() + " serves "
                            + ServiceSpec.METRICS_PATH + ", merged by its Istio sidecar on " + MeshSidecar.MERGED_METRICS_PORT + " outside mutual TLS")
                    : Flow.tcp(Flow.Peer.workload(PrometheusServer.WORKLOAD), self, s.port(),
                            "catalog: " + s.name() + " serves " + ServiceSpec.METRICS_PATH + " on its port"));
            flows.add(Flow.tcp(self, Flow.Peer.workload(TracingPipeline.COLLECTOR), TracingPipeline.OTLP_HTTP_PORT,
                    "catalog: " + s.name() + " sends traces to its OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
        return flows;
    }
}
