package dev.voiceplane.systems;

import dev.voiceplane.catalog.Routes;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.stack.DataStoreMode;

/** The AI Phone Answering System (guide: ai-ninja-kubernetes-README.md): six microservices on Azure. */
public final class AiNinja implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        SystemServices.services(charts, SystemName.AI_NINJA);
        SystemEdge.add(charts, SystemEdge.gateway(charts.stack()).auth("user-management", Routes.AUTH));
        SystemMonitoring.add(charts, SystemMonitoring.monitoring(charts.stack()));
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), false,
                charts.stack().clusterFeatures().servesCustomMetrics(), charts.stack().dataStores() == DataStoreMode.IN_CLUSTER));
    }
}
