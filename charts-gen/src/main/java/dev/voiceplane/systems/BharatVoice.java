package dev.voiceplane.systems;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;

/** The BharatVoice assistant (guide: bharatvoice-deployment-guide.md): app and worker on AWS in India. */
public final class BharatVoice implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        SystemServices.services(charts, SystemName.BHARATVOICE);
        dev.voiceplane.charts.IngressGateway.addTo(charts, java.util.Optional.of("bharatvoice-app"), "/api/auth", java.util.Optional.of("/api/voice"));
        dev.voiceplane.charts.monitoring.Monitoring.addTo(charts, java.util.Optional.of("bharatvoice-app"), true);
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), true));
    }
}
