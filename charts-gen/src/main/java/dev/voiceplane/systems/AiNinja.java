package dev.voiceplane.systems;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.charts.WorkloadIdentityBinding;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.stack.DataStoreMode;
import java.util.Optional;

/** The AI Phone Answering System (guide: ai-ninja-kubernetes-README.md): six microservices on Azure. */
public final class AiNinja implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        var services = SystemServices.services(charts, SystemName.AI_NINJA);
        // The services calling Azure Speech and OpenAI with Entra tokens: their own workload identities (from infra).
        charts.stack().cloudIdentities().serviceIdentities().forEach((service, clientId) ->
                WorkloadIdentityBinding.bind(charts, services.get(service), service, clientId));
        IngressGateway.addTo(charts, Optional.of("user-management"), "/api/auth", Optional.empty());
        Monitoring.addTo(charts, Optional.empty(), false);
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), false,
                charts.stack().clusterFeatures().servesCustomMetrics(), charts.stack().dataStores() == DataStoreMode.IN_CLUSTER));
    }
}
