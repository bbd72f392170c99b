package dev.voiceplane.app.core.runtime;

import dev.voiceplane.app.core.auth.RateLimitPolicy;
import dev.voiceplane.app.core.db.Database;

/**
 * What makes a service a service: its routes, WebSocket endpoints, background tasks and business
 * metrics, installed into a {@link ServiceContext} that already has configuration, stores,
 * security, health and telemetry. One implementation per service module.
 */
public interface ServiceModule {

    /** Registers everything the service serves; called once, before the server starts listening. */
    void install(ServiceContext context);

    /** PostgreSQL connections per replica. */
    default int databasePoolSize() {
        return Database.DEFAULT_POOL_SIZE;
    }

    default RateLimitPolicy rateLimitPolicy() {
        return RateLimitPolicy.DEFAULT;
    }
}
