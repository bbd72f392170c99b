package dev.voiceplane.charts;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * The system's ConfigMap ({@code <system>-config}): every CONFIG_MAP variable its services read,
 * with the guides' performance settings and feature flags (values from
 * {@link dev.voiceplane.stack.AppSettings}, overridable per stack). Pods read single keys from it
 * by reference, so a missing key would fail at start-up; the catalog makes sure none is.
 */
public final class AppConfig extends Construct {
    /**
     * @param name      the ConfigMap's name, {@code <system>-config}
     * @param namespace the services' namespace
     * @param values    every key and value, written in key order
     */
    public record Props(String name, String namespace, Map<String, String> values) {
        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            values = Map.copyOf(values);
        }
    }

    private final String name;

    public AppConfig(Construct scope, String id, Props props) {
        super(scope, id);
        this.name = props.name();
        KubeConfigMap.Builder.create(this, "config-map")
                .metadata(ObjectMeta.builder().name(name).namespace(props.namespace())
                        .labels(Map.of(Labels.COMPONENT, "config")).build())
                .data(new TreeMap<>(props.values()))
                .build();
    }

    public String name() {
        return name;
    }
}
