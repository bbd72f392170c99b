package dev.voiceplane.catalog;

import java.util.Objects;

/**
 * HTTP paths of a service's health endpoints, served on its main port.
 *
 * @param live    liveness: the process is not wedged; never touches dependencies
 * @param ready   readiness: the service can take traffic (its database and Redis answer)
 * @param startup startup: the service has finished starting (migrations, caches)
 */
public record Probes(String live, String ready, String startup) {

    /** The paths every voiceplane service serves; BharatVoice's guide names {@code /health/live}. */
    public static final Probes STANDARD = new Probes("/health/live", "/health/ready", "/health/live");

    public Probes {
        requirePath(live, "live");
        requirePath(ready, "ready");
        requirePath(startup, "startup");
    }

    private static void requirePath(String path, String which) {
        Objects.requireNonNull(path, which + " probe path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(which + " probe path '" + path + "' must start with '/'");
        }
    }
}
