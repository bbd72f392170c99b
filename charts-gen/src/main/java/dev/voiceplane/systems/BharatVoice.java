package dev.voiceplane.systems;

import dev.voiceplane.catalog.Routes;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.monitoring.LogPipeline;
import dev.voiceplane.stack.DataStoreMode;

/** The BharatVoice assistant (guide: bharatvoice-deployment-guide.md): app and worker on AWS in India. */
public final class BharatVoice implements VoiceSystem {
    @Override
    public void compose(ComponentCharts charts) {
        SystemServices.namespace(charts);
        SystemServices.services(charts, SystemName.BHARATVOICE);
        SystemEdge.add(charts, SystemEdge.gateway(charts.stack()).auth("bharatvoice-app", Routes.AUTH).voicePath(Routes.VOICE));
        SystemMonitoring.add(charts, SystemMonitoring.monitoring(charts.stack()).applicationAlerts("bharatvoice-app").logs(true));
        // Promtail's namespace denies by default like the system's.
        String system = charts.stack().system().id();
        new NetworkPolicies(charts.get(Component.CONFIG_SECURITY), "logs-network",
                NetworkPolicies.Props.builder(LogPipeline.namespaceOf(system), MonitoringFlows.logShipper(system)).build());
        SystemPlatform.addTo(charts, MonitoringFlows.of(charts.stack().system().id(), true,
                charts.stack().clusterFeatures().servesCustomMetrics(), charts.stack().dataStores() == DataStoreMode.IN_CLUSTER));
    }
}
