package dev.voiceplane.charts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * SHA-256 of the keys and values, in key order, written as a digest ({@code sha256:<hex>}): the pods
     * carry it ({@link Microservice.Props.Builder#configVersion}) so a changed value rolls them, since they
     * read single keys only at start. The prefix is not decoration: a bare 16-digit hex such as
     * {@code 17e8353295701961} is a number to a YAML 1.2 reader (and Helm's toYaml writes it unquoted), so the
     * annotation would stop being a string.
     */
    public static String version(Map<String, String> values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(values).forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
