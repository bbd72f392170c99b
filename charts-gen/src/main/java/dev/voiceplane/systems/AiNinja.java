package dev.voiceplane.systems;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;

/** The AI Phone Answering System (guide: ai-ninja-kubernetes-README.md): six microservices on Azure. */
public final class AiNinja implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        SystemServices.services(charts, SystemName.AI_NINJA);
        dev.voiceplane.charts.IngressGateway.addTo(charts, java.util.Optional.of("user-management"), "/api/auth", java.util.Optional.empty());
        dev.voiceplane.charts.monitoring.Monitoring.addTo(charts, java.util.Optional.empty(), false);
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), false));
    }
}
