package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.db.Database;
import java.util.Optional;

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

    default RateLimitPolicy rateLimitPolicy() {
        return RateLimitPolicy.DEFAULT;
    }
}
