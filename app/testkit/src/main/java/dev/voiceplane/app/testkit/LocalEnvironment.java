package dev.voiceplane.app.testkit;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a service gets on this machine, shaped exactly like the one the manifests give
 * it: one value for every variable the catalog declares (STACK values pointing at the embedded
 * stores and loopback ports, CONFIG_MAP values as the local stack would set them, SECRET values
 * that are obviously not production secrets). A catalog variable without a local value fails
 * here, loudly, instead of at a service's start.
 */
public final class LocalEnvironment {

    /** Local-only signing keys (32+ bytes, as HS256 requires). Never used outside tests and the local run. */
    public static final String ACCESS_SECRET = "local-access-secret-not-for-production-0123456789";
    public static final String REFRESH_SECRET = "local-refresh-secret-not-for-production-0123456789";

    private LocalEnvironment() {
    }

    /**
     * @param spec      the service
     * @param stores    where PostgreSQL and Redis listen
     * @param database  the service's own database in the shared PostgreSQL
     * @param port      the port to listen on (0 for a free one)
     */
    public static Map<String, String> forService(ServiceSpec spec, EmbeddedStores stores, String database, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : spec.env()) {
            String value = valueOf(variable, spec, stores, database, port);
            if (value != null) {
                env.put(variable.name(), value);
            } else if (variable.required()) {
                throw new IllegalStateException("no local value for " + variable.name() + " of service '" + spec.name()
                        + "'; add one to LocalEnvironment");
            }
        }
        return env;
    }

    /** The local data directory of a system: shared by its services. */
    public static java.nio.file.Path dataDirectory(dev.voiceplane.catalog.SystemName system) {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "voiceplane", system.id());
    }

    private static String valueOf(EnvVar variable, ServiceSpec spec, EmbeddedStores stores, String database, int port) {
        String name = variable.name();
        if (name.endsWith("_URL")) {
            return ServiceCatalog.of(spec.system()).stream()
                    .filter(s -> Env.urlOf(s.name()).equals(name))
                    .map(s -> "http://127.0.0.1:" + s.port())
                    .findFirst().orElse(null);
        }
        return switch (name) {
            case Env.PORT -> Integer.toString(port);
            case Env.SERVICE_NAME, Env.OTEL_SERVICE_NAME -> spec.name();
            case Env.LOG_LEVEL -> "INFO";
            // The manifests point this at the in-cluster collector; locally there is none to send to.
            case Env.OTEL_EXPORTER_OTLP_ENDPOINT -> null;
            case Env.DB_HOST, Env.REDIS_HOST -> "127.0.0.1";
            case Env.DB_PORT -> Integer.toString(stores.postgresPort());
            case Env.DB_NAME -> database;
            case Env.DB_USERNAME -> EmbeddedStores.DB_USER;
            case Env.DB_PASSWORD -> EmbeddedStores.DB_PASSWORD;
            case Env.REDIS_PORT -> Integer.toString(stores.redisPort());
            case Env.REDIS_PASSWORD -> null;
            case Env.JWT_ACCESS_SECRET -> ACCESS_SECRET;
            case Env.JWT_REFRESH_SECRET -> REFRESH_SECRET;
            case Env.FEATURE_MFA_REQUIRED -> "false";
            case Env.FEATURE_RATE_LIMITING_ENABLED, Env.FEATURE_AUDIT_LOGGING_ENABLED -> "true";
            case Env.MAX_CONCURRENT_CALLS -> "100";
            case Env.WEBSOCKET_TIMEOUT -> "300000";
            case Env.PROCESSING_PIPELINE_TIMEOUT -> "5000";
            case Env.SUPPORTED_LANGUAGES -> "en,hi,ta,te,bn,mr,gu,kn,ml,pa";
            case Env.WORKER_CONCURRENCY -> "4";
            case Env.JOB_MAX_ATTEMPTS -> "5";
            // One directory per system, as the manifests mount one volume per system: the app writes
            // uploads where the worker reads them (a directory per service left every upload DEAD).
            case Env.DATA_DIR -> dataDirectory(spec.system()).toString();
            default -> null;
        };
    }
}
