package dev.voiceplane.app.core.http;

/**
 * A store (PostgreSQL, Redis) the request needs does not answer. Answered as 503 with
 * {@code Retry-After} rather than 500: the request was fine and may be retried, and a store outage
 * must not feed the error-rate alert the way a bug does. {@link StoreOutage} recognises the
 * drivers' own exceptions as this without a service having to catch them.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
