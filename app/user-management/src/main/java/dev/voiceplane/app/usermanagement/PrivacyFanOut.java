package dev.voiceplane.app.usermanagement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import dev.voiceplane.app.core.observability.CounterFamily;
import dev.voiceplane.app.core.privacy.PersonalDataRoutes;
import dev.voiceplane.app.core.runtime.RetrySchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a user's GDPR requests to every service that stores their data (the catalog's callees of
 * user-management). Erasure goes through an outbox ({@code privacy_outbox}): rows are written in the
 * transaction that erases the account, then delivered every {@link #INTERVAL} until each service
 * acknowledges, with backoff ({@link #SCHEDULE}: 5 s doubling to an hour, for about four days). A
 * service that refuses the request as wrong (a 4xx other than 404, 408, 429: 404 means the endpoint
 * is not deployed yet) or stays down past the schedule sends the row to the dead-letter, counted in
 * {@code gdpr_erasure_dead_letter} for an operator: an erasure is never silently dropped. Export asks
 * every service at once and says which did not answer.
 */
public final class PrivacyFanOut {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 100);
    /** A claimed row is not taken by another replica for this long (the call's timeout is far shorter). */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final int BATCH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyFanOut.class);

    private final Jdbi jdbi;
    private final Map<String, ServiceClient> services;
    private final Clock clock;
    private final CounterFamily delivered;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadLetter = new AtomicLong();

    public PrivacyFanOut(Jdbi jdbi, Map<String, ServiceClient> services, Clock clock, MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.services = Map.copyOf(services);
        this.clock = clock;
        this.delivered = CounterFamily.of(metrics, "gdpr_erasure_deliveries", "erasure requests sent to other services, by result",
                "result", List.of("acknowledged", "failed", "dead_lettered"));
        Gauge.builder("gdpr_erasure_pending", pending, AtomicLong::get)
                .description("erasures not yet acknowledged by a service").register(metrics);
        Gauge.builder("gdpr_erasure_dead_letter", deadLetter, AtomicLong::get)
                .description("erasures a service refused or that ran out of attempts: an operator must act").register(metrics);
    }

    public List<String> services() {
        return services.keySet().stream().sorted().toList();
    }

    /** Records an erasure for every service, inside the caller's transaction (the local erasure's). */
    void request(Handle h, UUID accountId) {
        Instant now = clock.instant();
        for (String service : services()) {
            h.createUpdate("""
                            INSERT INTO privacy_outbox (account_id, service, requested_at, next_attempt_at) VALUES (:a, :s, :now, :now)
                            ON CONFLICT (account_id, service) DO UPDATE SET acknowledged_at = NULL, dead_lettered_at = NULL,
                                attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, requested_at = EXCLUDED.requested_at""")
                    .bind("a", accountId).bind("s", service).bind("now", now).execute();
        }
    }

    /** One delivery round over the due rows; run every {@link #INTERVAL}. */
    void deliverDue() {
        for (Map<String, Object> row : claimDue()) {
            deliver(((Number) row.get("id")).longValue(), (UUID) row.get("account_id"), (String) row.get("service"),
                    ((Number) row.get("attempts")).intValue());
        }
        jdbi.useHandle(h -> {
            pending.set(h.createQuery("SELECT count(*) FROM privacy_outbox WHERE acknowledged_at IS NULL AND dead_lettered_at IS NULL")
                    .mapTo(Long.class).one());
            deadLetter.set(h.createQuery("SELECT count(*) FROM privacy_outbox WHERE dead_lettered_at IS NOT NULL").mapTo(Long.class).one());
        });
    }

    /** The due rows, each leased for {@link #LEASE} so another replica does not send it at the same time. */
    private List<Map<String, Object>> claimDue() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> h.createQuery("""
                        UPDATE privacy_outbox SET next_attempt_at = :lease WHERE id IN (
                            SELECT id FROM privacy_outbox WHERE acknowledged_at IS NULL AND dead_lettered_at IS NULL
                                AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING id, account_id, service, attempts""")
                .bind("now", now).bind("lease", now.plus(LEASE)).bind("batch", BATCH).mapToMap().list());
    }

    private void deliver(long id, UUID accountId, String service, int attempts) {
        ServiceClient client = services.get(service);
        try {
            if (client == null) {
                throw new ServiceCallException(service + " is no longer a callee of user-management", null, 410);
            }
            client.delete(PersonalDataRoutes.path(accountId.toString()), JsonNode.class);
            jdbi.useHandle(h -> h.createUpdate("UPDATE privacy_outbox SET acknowledged_at = :now, attempts = :n, last_error = NULL "
                    + "WHERE id = :id").bind("now", clock.instant()).bind("n", attempts + 1).bind("id", id).execute());
            delivered.increment("acknowledged");
        } catch (ServiceCallException e) {
            int failures = attempts + 1;
            boolean permanent = e.permanent() && e.status() != 404;
            boolean dead = permanent || SCHEDULE.exhausted(failures);
            Instant now = clock.instant();
            jdbi.useHandle(h -> h.createUpdate("""
                            UPDATE privacy_outbox SET attempts = :n, next_attempt_at = :next, last_error = :error, dead_lettered_at = :dead
                            WHERE id = :id""")
                    .bind("n", failures).bind("next", SCHEDULE.nextAttempt(failures, now)).bind("error", e.getMessage())
                    .bind("dead", dead ? now : null).bind("id", id).execute());
            delivered.increment(dead ? "dead_lettered" : "failed");
            if (dead) {
                LOG.error("erasure of account {} at {} gave up (dead-letter): {}", accountId, service, e.getMessage());
            } else {
                LOG.warn("erasure of account {} at {} not acknowledged yet (attempt {}): {}", accountId, service, failures, e.getMessage());
            }
        }
    }

    /** The delivery state of an account's erasure per service: acknowledged, pending or dead-lettered. */
    public Map<String, String> status(UUID accountId) {
        Map<String, String> status = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT service, acknowledged_at, dead_lettered_at FROM privacy_outbox WHERE account_id = :a "
                        + "ORDER BY service").bind("a", accountId)
                .map((rs, ctx) -> status.put(rs.getString("service"), rs.getTimestamp("acknowledged_at") != null ? "acknowledged"
                        : rs.getTimestamp("dead_lettered_at") != null ? "dead-lettered" : "pending"))
                .list());
        return status;
    }

    /** Every service's export of the account: its data, or why it could not be had. */
    public Map<String, Object> export(UUID accountId) {
        Map<String, Object> exports = new LinkedHashMap<>();
        for (String service : services()) {
            try {
                exports.put(service, services.get(service).get(PersonalDataRoutes.path(accountId.toString()), JsonNode.class)
                        .<Object>map(node -> node).orElse(Map.of("unavailable", "the service has no export endpoint yet")));
            } catch (ServiceCallException e) {
                exports.put(service, Map.of("unavailable", "did not answer; ask again later"));
            }
        }
        return exports;
    }
}
