package dev.voiceplane.app.usermanagement;

import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR rights: export (Art. 15 and 20: everything held about the person, machine-readable) and
 * erasure (Art. 17: personal data removed at once; the audit trail keeps only pseudonymous events
 * — action and time, no IP or detail — until the retention period ends), plus the retention sweep.
 */
public final class PrivacyService {

    static final int EXPORT_AUDIT_LIMIT = 10_000;
    /**
     * How often every replica runs the retention sweep. The deletes are idempotent, so replicas
     * sweeping at the same time only repeat each other's work.
     */
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final RetentionPolicy retention;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final PrivacyFanOut fanOut;

    public PrivacyService(Jdbi jdbi, AuditLog audit, RetentionPolicy retention, Clock clock, MeterRegistry metrics, PrivacyFanOut fanOut) {
        this.fanOut = fanOut;
        this.jdbi = jdbi;
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Map<String, Object> export(UUID accountId, String actor, String ip) {
        Map<String, Object> export = jdbi.inTransaction(h -> {
            Account account = AccountRepository.byId(h, accountId).filter(a -> !a.erased())
                    .orElseThrow(() -> new NotFoundResponse("no account " + accountId));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("exportedAt", clock.instant());
            data.put("account", AccountView.of(account));
            data.put("sessions", SessionRepository.list(h, accountId, null));
            data.put("auditEvents", AuditLog.recent(h, accountId, EXPORT_AUDIT_LIMIT));
            audit.record(h, accountId, actor, "gdpr.export", "", ip);
            return data;
        });
        // The other services' data, asked for after the account was found (outside the transaction).
        Map<String, Object> services = fanOut.export(accountId);
        export.put("services", services);
        export.put("complete", services.values().stream().noneMatch(v -> v instanceof Map<?, ?> m && m.containsKey("unavailable")));
        metrics.counter("gdpr_requests", "kind", "export").increment();
        return export;
    }

    public void erase(UUID accountId, String actor, String ip) {
        jdbi.useTransaction(h -> {
            AccountRepository.byId(h, accountId).filter(a -> !a.erased())
                    .orElseThrow(() -> new NotFoundResponse("no account " + accountId));
            h.createUpdate("DELETE FROM session WHERE account_id = :a").bind("a", accountId).execute();
            h.createUpdate("UPDATE audit_event SET ip = NULL, detail = '' WHERE account_id = :a").bind("a", accountId).execute();
            AccountRepository.erase(h, accountId);
            fanOut.request(h, accountId);
            audit.record(h, accountId, actor.equals(accountId.toString()) ? "self" : actor, "gdpr.erasure", "", null);
        });
        metrics.counter("gdpr_requests", "kind", "erasure").increment();
    }

    /** Where the account's erasure stands at each service that stores its data. */
    public Map<String, String> erasureStatus(UUID accountId) {
        return fanOut.status(accountId);
    }

    /** {@link #sweep()}, logging what went: the scheduled round. */
    void sweepAndLog() {
        LOG.info("retention sweep deleted {}", sweep());
    }

    /** Deletes what is past its retention period; returns how many rows of each kind went. */
    public Map<String, Integer> sweep() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Map<String, Integer> deleted = new LinkedHashMap<>();
            deleted.put("auditEvents", h.createUpdate("DELETE FROM audit_event WHERE at < :t")
                    .bind("t", now.minus(retention.auditEvents())).execute());
            deleted.put("sessions", h.createUpdate("DELETE FROM session WHERE revoked_at < :t")
                    .bind("t", now.minus(retention.endedSessions())).execute());
            deleted.put("refreshTokens", h.createUpdate("DELETE FROM refresh_token WHERE expires_at < :t")
                    .bind("t", now.minus(retention.expiredTokens())).execute());
            return deleted;
        });
    }
}
