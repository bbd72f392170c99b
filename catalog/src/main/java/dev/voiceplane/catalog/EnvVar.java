package dev.voiceplane.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One environment variable a service reads at start-up. The manifests set it; the service fails
 * fast, naming the variable, when a required one is missing.
 *
 * @param name        the variable's name
 * @param source      where the manifests take its value from
 * @param required    whether the service refuses to start without it
 * @param description what it is for, shown in errors and docs
 */
public record EnvVar(String name, Source source, boolean required, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Where a value comes from in the synthesized manifests. */
    public enum Source {
        /** A key of the system's ConfigMap (same name as the variable). */
        CONFIG_MAP,
        /** A key of the system's Secret, synced from the vault (same name as the variable). */
        SECRET,
        /** Computed by the manifests from the stack: ports, hosts, service URLs, telemetry endpoint. */
        STACK,
        /**
         * Set on the pod by the cluster, not by the manifests: the Azure workload identity webhook's variables
         * on pods whose ServiceAccount has a client id. Always optional.
         */
        PLATFORM
    }

    public EnvVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment variable name '" + name + "' must match " + NAME);
        }
    }

    public static EnvVar config(String name, String description) {
        return new EnvVar(name, Source.CONFIG_MAP, true, description);
    }

    public static EnvVar secret(String name, String description) {
        return new EnvVar(name, Source.SECRET, true, description);
    }

    /** A variable the cluster sets (see {@link Source#PLATFORM}); optional, since the manifests cannot promise it. */
    public static EnvVar platform(String name, String description) {
        return new EnvVar(name, Source.PLATFORM, false, description);
    }

    public static EnvVar stack(String name, String description) {
        return new EnvVar(name, Source.STACK, true, description);
    }

    /** The same variable, but the service starts without it (using its documented default). */
    public EnvVar optional() {
        return new EnvVar(name, source, false, description);
    }
}
