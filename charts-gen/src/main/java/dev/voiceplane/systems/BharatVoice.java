package dev.voiceplane.systems;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.WorkloadIdentityBinding;
import dev.voiceplane.charts.monitoring.LogPipeline;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.stack.DataStoreMode;
import java.util.Optional;

/** The BharatVoice assistant (guide: bharatvoice-deployment-guide.md): app and worker on AWS in India. */
public final class BharatVoice implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        var services = SystemServices.services(charts, SystemName.BHARATVOICE);
        // The worker's IAM role for Transcribe, Polly and the media bucket (IRSA; a deploy-time value from infra).
        charts.stack().cloudIdentities().serviceIdentities().forEach((service, roleArn) ->
                WorkloadIdentityBinding.bindRole(charts, services.get(service), service, roleArn));
        IngressGateway.addTo(charts, Optional.of("bharatvoice-app"), "/api/auth", Optional.of("/api/voice"));
        Monitoring.addTo(charts, Optional.of("bharatvoice-app"), true);
        // Promtail's namespace denies by default like the system's.
        String system = charts.stack().system().id();
        new NetworkPolicies(charts.get(Component.CONFIG_SECURITY), "logs-network", LogPipeline.namespaceOf(system),
                MonitoringFlows.logShipper(system), false);
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), true,
                charts.stack().clusterFeatures().servesCustomMetrics(), charts.stack().dataStores() == DataStoreMode.IN_CLUSTER));
    }
}
