package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.ExternalApi;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The connections the service catalog declares, as {@link Flow}s: each service may reach the
 * services it {@code calls}, the stores it {@code stores} in and, over HTTPS, the internet only if
 * it declares {@code externalApis}. Nothing else: a service that does not declare PostgreSQL has no
 * path to it. What other constructs need of a service (the ingress controller reaching an exposed one,
 * Prometheus scraping it, its traces) those constructs declare ({@code flowsOf}); they follow the
 * service's own, so each service's policy lists its rules service by service.
 */
public final class CatalogFlows {

    private CatalogFlows() {
    }

    /**
     * Where a store answers: a workload in the namespace (in-cluster) or a network outside it
     * (managed), and on which port ({@link dev.voiceplane.charts.ManagedStoreAliases#redisPort}).
     */
    public record StoreAt(Flow.Peer peer, int port) {
    }

    /**
     * @param services   the system's services
     * @param storePeers where each store answers
     * @param declaredBy the connections other constructs declare with one service
     */
    public static List<Flow> of(List<ServiceSpec> services, Map<DataStore, StoreAt> storePeers, Function<ServiceSpec, List<Flow>> declaredBy) {
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
            flows.addAll(declaredBy.apply(s));
        }
        return flows;
    }
}
