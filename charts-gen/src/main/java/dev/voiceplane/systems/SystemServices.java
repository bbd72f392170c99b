package dev.voiceplane.systems;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.AppConfig;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.Microservice;
import dev.voiceplane.charts.NamespaceWithQuotas;
import dev.voiceplane.charts.ScalingTargets;
import dev.voiceplane.charts.SharedVolumes;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.stack.ServiceSettings;
import dev.voiceplane.stack.StackConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** What both systems build the same way: the namespace and one Microservice per catalog entry. */
final class SystemServices {
    private SystemServices() {
    }

    static void namespace(ComponentCharts charts) {
        StackConfig stack = charts.stack();
        new NamespaceWithQuotas(charts.get(Component.NAMESPACE), "namespace",
                NamespaceWithQuotas.Props.builder(stack.namespace()).quota(stack.quota()).istio(stack.istio()).build());
    }

    /**
     * One Microservice per service of the system, in catalog order, keyed by service name. A service named in
     * the stack's {@code serviceIdentities} (deploy-time values from infra) runs as {@code identity} of its id:
     * the system says which cloud's kind.
     */
    static Map<String, Microservice> services(ComponentCharts charts, SystemName system, Function<String, WorkloadIdentity> identity) {
        StackConfig stack = charts.stack();
        Map<String, String> identities = stack.cloudIdentities().serviceIdentities();
        Set<String> unknown = new TreeSet<>(identities.keySet());
        ServiceCatalog.of(system).forEach(spec -> unknown.remove(spec.name()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no service " + unknown + " in " + system.id() + " to give a workload identity to; its services are "
                    + ServiceCatalog.of(system).stream().map(ServiceSpec::name).toList());
        }
        Map<String, Microservice> built = new LinkedHashMap<>();
        Optional<SharedVolumes.Props> volumes = SystemPlatform.sharedVolumes(stack);
        for (ServiceSpec spec : ServiceCatalog.of(system)) {
            String id = identities.get(spec.name());
            ServiceSettings settings = stack.service(spec.name());
            built.put(spec.name(), new Microservice(charts.get(Component.CORE_SERVICES), spec.name(),
                    Microservice.Props.builder(spec, stack.namespace(), stack.images().reference(spec.image()))
                            .replicas(settings.replicas())
                            .scaling(ScalingTargets.of(spec, stack.appSettings(), stack.clusterFeatures().servesCustomMetrics()).with(settings.targets()))
                            .resources(settings.resources())
                            .stackValues(ServiceEndpoints.of(spec, stack))
                            .configMapName(configMapName(stack))
                            .secretName(secretName(stack))
                            .istio(stack.istio())
                            .mounts(volumes.map(v -> v.mountsFor(spec)).orElse(List.of()))
                            .configVersion(AppConfig.version(stack.appSettings()))
                            .sessionSeconds(sessionSeconds(spec, stack))
                            .placement(charts)
                            .workloadIdentity(id == null ? WorkloadIdentity.NONE : identity.apply(id))
                            .build()));
        }
        return built;
    }

    /** WEBSOCKET_TIMEOUT in seconds for a WebSocket service (rounded up), 0 for others. */
    static int sessionSeconds(ServiceSpec spec, StackConfig stack) {
        if (spec.exposure() != Exposure.PUBLIC_WEBSOCKET) {
            return 0;
        }
        int millis = Integer.parseInt(stack.appSettings().get(Env.WEBSOCKET_TIMEOUT));
        return (millis + 999) / 1000;
    }

    static String configMapName(StackConfig stack) {
        return Names.of(stack.system()).configMap();
    }

    static String secretName(StackConfig stack) {
        return Names.of(stack.system()).appSecrets();
    }
}
