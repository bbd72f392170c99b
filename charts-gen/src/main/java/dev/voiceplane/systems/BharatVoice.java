package dev.voiceplane.systems;

import dev.voiceplane.catalog.Routes;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.charts.monitoring.LogPipeline;
import dev.voiceplane.charts.monitoring.Monitoring;

/** The BharatVoice assistant (guide: bharatvoice-deployment-guide.md): app and worker on AWS in India. */
public final class BharatVoice implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        // The worker assumes its IAM role for Transcribe, Polly and the media bucket (IRSA; a deploy-time value from infra).
        SystemServices.services(charts, SystemName.BHARATVOICE, WorkloadIdentity::awsRole);
        IngressGateway gateway = SystemEdge.add(charts, SystemEdge.gateway(charts.stack()).auth("bharatvoice-app", Routes.AUTH)
                .voicePath(Routes.VOICE));
        Monitoring monitoring = SystemMonitoring.add(charts, SystemMonitoring.monitoring(charts.stack())
                .applicationAlerts("bharatvoice-app").logs(true));
        // Promtail's namespace denies by default like the system's.
        new NetworkPolicies(charts.get(Component.CONFIG_SECURITY), "logs-network", NetworkPolicies.Props.builder(
                LogPipeline.namespaceOf(charts.stack().system().id()), monitoring.logShipperFlows()).build());
        SystemPlatform.addTo(charts, gateway, monitoring);
    }
}
