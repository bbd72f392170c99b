package dev.voiceplane.app.core.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Tells a store outage apart from a bug: the drivers' exceptions for a database or cache that does
 * not answer, is shutting down or is read-only (a primary demoted during failover). Those are the
 * request's bad luck, not its fault or the code's: {@link ErrorHandling} answers them 503 with
 * {@code Retry-After}.
 */
public final class StoreOutage {

    /** How long a client should wait before trying again: about one failover or pod restart. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private StoreOutage() {
    }

    /** Which store is out, when {@code error} (or one of its causes) says a store is out. */
    public static Optional<String> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return Optional.of("a store");
            }
            if (t instanceof JedisConnectionException) {
                return Optional.of("Redis");
            }
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
                return Optional.of("PostgreSQL");
            }
            if (t instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return Optional.of("PostgreSQL");
            }
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL error classes that mean "not now" rather than "never"
     * (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection exception,
     * 57P01-57P03 shutdown and cannot-connect-now, 25006 read-only transaction (a replica or a
     * primary being demoted), 53300 too many connections.
     */
    static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("25006") || state.equals("53300"));
    }
}
