package dev.voiceplane.app.core.config;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service's configuration: exactly the environment variables its catalog entry declares, checked
 * once at start-up. Every required variable that is missing or blank is reported together, each
 * named with what it is for, so one failed start tells the operator everything to fix.
 *
 * <p>Reading a variable the catalog does not declare for the service is a programming error: it
 * would work on a laptop and be unset in the cluster, because the manifests set only what the
 * catalog lists.
 */
public final class ServiceConfig {

    private final ServiceSpec spec;
    private final Map<String, String> values;

    private ServiceConfig(ServiceSpec spec, Map<String, String> values) {
        this.spec = spec;
        this.values = values;
    }

    /** Reads the declared variables from {@code environment}; fails naming every missing required one. */
    public static ServiceConfig load(ServiceSpec spec, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (EnvVar variable : spec.env()) {
            String value = environment.get(variable.name());
            if (value != null && !value.isBlank()) {
                values.put(variable.name(), value.trim());
            } else if (variable.required()) {
                missing.add(variable.name() + " (" + variable.description() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("service '" + spec.name() + "' cannot start: missing required environment variable"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        return new ServiceConfig(spec, Map.copyOf(values));
    }

    public ServiceSpec spec() {
        return spec;
    }

    public String serviceName() {
        return spec.name();
    }

    /** Whether the catalog declares the variable for this service at all. */
    public boolean declares(String name) {
        return spec.env().stream().anyMatch(v -> v.name().equals(name));
    }

    /** The value of a variable; required ones are always present after {@link #load}. */
    public Optional<String> optional(String name) {
        spec.envVar(name); // throws, naming the service, when the catalog does not declare it
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a required variable, or of an optional one the caller cannot do without. */
    public String get(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(
                "service '" + spec.name() + "' needs environment variable " + name + " (" + spec.envVar(name).description() + ")"));
    }

    public int intValue(String name) {
        String raw = get(name);
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException("environment variable " + name + "='" + raw + "' is not a whole number");
        }
    }

    public int intValue(String name, int fallback) {
        return optional(name).isPresent() ? intValue(name) : fallback;
    }

    /** A port: 0 asks the operating system for a free one (tests), otherwise 1–65535. */
    public int port(String name) {
        int port = intValue(name);
        if (port < 0 || port > 65535) {
            throw new ConfigException("environment variable " + name + "=" + port + " is not a port (0-65535)");
        }
        return port;
    }

    /** A retention period in whole days, at least one: {@code fallbackDays} when the variable is unset. */
    public java.time.Duration retentionDays(String name, int fallbackDays) {
        int days = intValue(name, fallbackDays);
        if (days < 1) {
            throw new ConfigException("environment variable " + name + "=" + days + " must be at least 1");
        }
        return java.time.Duration.ofDays(days);
    }

    /** A feature flag: {@code true} or {@code false}; {@code fallback} when the catalog does not declare it. */
    public boolean flag(String name, boolean fallback) {
        if (!declares(name)) {
            return fallback;
        }
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("environment variable " + name + "='" + raw.get() + "' must be true or false");
        };
    }

    /** An absolute http(s) URL, such as another service's base URL. */
    public URI url(String name) {
        String raw = get(name);
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new URISyntaxException(raw, "expected http://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("environment variable " + name + "='" + raw + "' is not an http(s) URL");
        }
    }

    /** The port the HTTP server listens on. */
    public int httpPort() {
        return port(Env.PORT);
    }
}
