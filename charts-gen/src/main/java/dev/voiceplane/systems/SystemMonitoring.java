package dev.voiceplane.systems;

import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.charts.monitoring.LogPipeline;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import java.util.List;

/** A stack's observability: the system's Monitoring, and Loki's volume with the system's other claims. */
final class SystemMonitoring {
    private SystemMonitoring() {
    }

    /** The monitoring props as the stack sets them; each system adds its own alerts and logs. */
    static Monitoring.Props.Builder monitoring(StackConfig stack) {
        return Monitoring.Props.builder(stack.system().id(), stack.namespace(), ServiceCatalog.of(stack.system()))
                .cloud(stack.cloud())
                .secretName(SystemServices.secretName(stack))
                .mesh(stack.istio())
                .customMetricsAdapter(stack.clusterFeatures().servesCustomMetrics())
                .backups(stack.dataStores() == DataStoreMode.IN_CLUSTER
                        ? BackupSchedule.jobs(StackConfigParser.hasSharedData(stack.system())) : List.of());
    }

    static Monitoring add(ComponentCharts charts, Monitoring.Props.Builder monitoring) {
        Monitoring.Props props = monitoring.build();
        if (props.logs()) {
            // With the system's other volumes, in the storage file, where an operator looks for them.
            StorageTiers.claim(charts.get(Component.STORAGE), charts.stack().cloud(), props.namespace(), LogPipeline.DATA_CLAIM);
        }
        return new Monitoring(charts.get(Component.MONITORING), "monitoring", props);
    }
}
