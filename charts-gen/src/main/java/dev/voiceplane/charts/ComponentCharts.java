package dev.voiceplane.charts;

import dev.voiceplane.stack.StackConfig;
import java.util.EnumMap;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;

/**
 * One cdk8s chart per {@link Component}, all under one app, labelled for the stack. Charts set no
 * namespace of their own: constructs name it on namespaced objects, and cluster-scoped objects
 * (Namespace, StorageClass, ClusterIssuer) must not carry one. Constructs
 * that span components (a Microservice's Deployment, Service and ServiceAccount) place each object
 * in the chart of its component.
 */
public final class ComponentCharts implements Placement {
    private final App app;
    private final StackConfig stack;
    private final Map<Component, Chart> charts = new EnumMap<>(Component.class);

    public ComponentCharts(App app, StackConfig stack) {
        this.app = app;
        this.stack = stack;
    }

    public StackConfig stack() {
        return stack;
    }

    /** The chart of a component, created on first use so empty components produce no file. */
    @Override
    public Chart get(Component component) {
        return charts.computeIfAbsent(component, c -> new Chart(app, c.id(), ChartProps.builder()
                .labels(Labels.ofStack(stack.system().id(), stack.name()))
                .disableResourceNameHashes(true)
                .build()));
    }

    /** The charts created so far, in apply order. */
    public Map<Component, Chart> created() {
        return Map.copyOf(charts);
    }
}
