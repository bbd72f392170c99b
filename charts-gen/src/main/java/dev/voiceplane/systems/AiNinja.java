package dev.voiceplane.systems;

import dev.voiceplane.catalog.Routes;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.charts.monitoring.Monitoring;

/** The AI Phone Answering System (guide: ai-ninja-kubernetes-README.md): six microservices on Azure. */
public final class AiNinja implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        // The services calling Azure Speech and OpenAI with Entra tokens run as their own workload identities (from infra).
        SystemServices.services(charts, SystemName.AI_NINJA, WorkloadIdentity::azure);
        IngressGateway gateway = SystemEdge.add(charts, SystemEdge.gateway(charts.stack()).auth("user-management", Routes.AUTH));
        Monitoring monitoring = SystemMonitoring.add(charts, SystemMonitoring.monitoring(charts.stack()));
        SystemPlatform.addTo(charts, gateway, monitoring);
    }
}
