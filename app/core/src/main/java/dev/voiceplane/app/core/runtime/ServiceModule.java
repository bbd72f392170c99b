package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.db.Database;
import dev.voiceplane.app.core.http.BodyLimit;
import dev.voiceplane.catalog.DataStore;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a service a service: its routes, WebSocket endpoints, background tasks and business
 * metrics, installed into a {@link ServiceContext} that already has configuration, stores,
 * security, health and telemetry. One implementation per service module.
 */
public interface ServiceModule {

    /** Registers everything the service serves; called once, before the server starts listening. */
    void install(ServiceContext context);

    /**
     * The service whose migrations create this service's tables, when that is another service:
     * bharatvoice-worker writes to the schema bharatvoice-app migrates. The start-up schema check
     * (and the tests' migration) then follow that service's migrations and history table.
     */
    default Optional<String> schemaOwner() {
        return Optional.empty();
    }

    /** PostgreSQL connections per replica. */
    default int databasePoolSize() {
        return Database.DEFAULT_POOL_SIZE;
    }

    /**
     * Threads serving requests (Jetty's pool, selector included). The default suits handlers that
     * block on slow calls (a language model, a WebSocket pipeline). A service whose requests are
     * short and CPU- or Redis-bound does better with fewer: on two cores, hundreds of runnable
     * threads only add context switches and stretch the latency tail.
     */
    default int maxRequestThreads() {
        return 250;
    }

    /**
     * The stores the service cannot serve without: readiness turns 503 while one of them is down.
     * A store the service uses but can do without for a while (smart-whitelist decides from
     * PostgreSQL when Redis is down) is left out, and shows as {@code degraded} instead. Default:
     * every store the catalog lists.
     */
    default Set<DataStore> readinessRequires(Set<DataStore> used) {
        return used;
    }

    /**
     * Whether the service writes to PostgreSQL; a writer is not ready on a read-only database
     * (a replica, a demoted primary). Default true.
     */
    default boolean writesToDatabase() {
        return true;
    }

    /**
     * The largest request body accepted on {@code path}, enforced while the body is read (a
     * chunked body declares no length); 413 beyond it. Default {@link BodyLimit#DEFAULT_MAX_BYTES}
     * (1 MB) everywhere; a service that takes uploads raises it for their path only.
     */
    default long maxRequestBytes(String path) {
        return BodyLimit.DEFAULT_MAX_BYTES;
    }

    default RateLimitPolicy rateLimitPolicy() {
        return RateLimitPolicy.DEFAULT;
    }
}
