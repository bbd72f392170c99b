package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.telephony.SpamCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Call history and spam reports in PostgreSQL, and the aggregates built from them. Profiles are
 * computed on read from indexed rows rather than kept as counters, so they can never drift from the
 * history (and erasing a user's calls under GDPR changes the profiles with them).
 */
public final class CallHistory {

    static final Duration RECENT = Duration.ofHours(24);

    private final Jdbi jdbi;

    public CallHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the call; false when a call with that id was already recorded. */
    public boolean record(CallRecord call) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO call_record (call_id, user_id, caller_number, started_at, duration_seconds, outcome, spam_category)
                        VALUES (:callId, :userId, :callerNumber, :startedAt, :durationSeconds, :outcome, :spamCategory)
                        ON CONFLICT (call_id) DO NOTHING""")
                .bind("callId", call.callId()).bind("userId", call.userId()).bind("callerNumber", call.callerNumber())
                .bind("startedAt", call.startedAt()).bind("durationSeconds", call.durationSeconds())
                .bind("outcome", call.outcome().name()).bind("spamCategory", call.spamCategory().name())
                .execute()) == 1;
    }

    public void report(String userId, SpamReport report) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO spam_report (user_id, caller_number, category) VALUES (:u, :n, :c)
                        ON CONFLICT (user_id, caller_number) DO UPDATE SET category = EXCLUDED.category, reported_at = now()""")
                .bind("u", userId).bind("n", report.callerNumber()).bind("c", report.category().name()).execute());
    }

    /** The caller's profile, or empty when nothing is known about the number. */
    public Optional<CallerProfile> profile(String number, Instant now) {
        return jdbi.inTransaction(h -> {
            Instant since = now.minus(RECENT);
            var totals = h.createQuery("""
                            SELECT count(*) AS total, count(DISTINCT user_id) AS users, max(started_at) AS last_call,
                                   count(*) FILTER (WHERE started_at > :since) AS recent,
                                   count(DISTINCT user_id) FILTER (WHERE started_at > :since) AS recent_users,
                                   count(*) FILTER (WHERE spam_category <> 'NONE') AS classified
                            FROM call_record WHERE caller_number = :n""")
                    .bind("n", number).bind("since", since).mapToMap().one();
            long reports = h.createQuery("SELECT count(*) FROM spam_report WHERE caller_number = :n").bind("n", number)
                    .mapTo(Long.class).one();
            long total = ((Number) totals.get("total")).longValue();
            if (total == 0 && reports == 0) {
                return Optional.empty();
            }
            Map<CallOutcome, Long> outcomes = outcomes(h, "caller_number = :key", number, Instant.EPOCH);
            long users = ((Number) totals.get("users")).longValue();
            double score = SpamScore.of(total, ((Number) totals.get("classified")).longValue(), outcomes.get(CallOutcome.BLOCKED),
                    users, reports, ((Number) totals.get("recent_users")).longValue());
            java.sql.Timestamp lastCall = (java.sql.Timestamp) totals.get("last_call");
            return Optional.of(new CallerProfile(number, total, users, ((Number) totals.get("recent")).longValue(),
                    lastCall == null ? null : lastCall.toInstant(), outcomes, reports, category(h, number), score));
        });
    }

    /** Calls per outcome of one user since {@code since}. */
    public Map<CallOutcome, Long> userOutcomes(String userId, Instant since) {
        return jdbi.withHandle(h -> outcomes(h, "user_id = :key", userId, since));
    }

    /** Calls per outcome across all users since {@code since}: the business figures. */
    public Map<CallOutcome, Long> allOutcomes(Instant since) {
        return jdbi.withHandle(h -> outcomes(h, "TRUE", null, since));
    }

    private static Map<CallOutcome, Long> outcomes(Handle h, String where, String key, Instant since) {
        Map<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
        for (CallOutcome outcome : CallOutcome.values()) {
            outcomes.put(outcome, 0L);
        }
        var query = h.createQuery("SELECT outcome, count(*) AS n FROM call_record WHERE (" + where + ") AND started_at >= :since GROUP BY outcome")
                .bind("since", since);
        if (key != null) {
            query.bind("key", key);
        }
        query.map((rs, ctx) -> outcomes.put(CallOutcome.valueOf(rs.getString("outcome")), rs.getLong("n")))
                .list();
        return outcomes;
    }

    /** The most frequent category among classified calls and reports; ties go to the alphabetically first. */
    private static SpamCategory category(Handle h, String number) {
        return h.createQuery("""
                        SELECT category FROM (
                            SELECT spam_category AS category FROM call_record WHERE caller_number = :n AND spam_category <> 'NONE'
                            UNION ALL
                            SELECT category FROM spam_report WHERE caller_number = :n) AS c
                        GROUP BY category ORDER BY count(*) DESC, category LIMIT 1""")
                .bind("n", number).mapTo(String.class).findOne().map(SpamCategory::valueOf).orElse(SpamCategory.NONE);
    }
}
