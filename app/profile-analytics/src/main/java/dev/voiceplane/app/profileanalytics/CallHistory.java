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
    private final ReportPolicy policy;

    public CallHistory(Jdbi jdbi) {
        this(jdbi, ReportPolicy.DEFAULT);
    }

    public CallHistory(Jdbi jdbi, ReportPolicy policy) {
        this.jdbi = jdbi;
        this.policy = policy;
    }

    /** Stores the call; false when a call with that id was already recorded. */
    public boolean record(CallRecord call) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO call_record (call_id, user_id, caller_number, started_at, duration_seconds, outcome, spam_category,
                            caller_asserted)
                        VALUES (:callId, :userId, :callerNumber, :startedAt, :durationSeconds, :outcome, :spamCategory, :asserted)
                        ON CONFLICT (call_id) DO NOTHING""")
                .bind("asserted", call.callerAsserted())
                .bind("callId", call.callId()).bind("userId", call.userId()).bind("callerNumber", call.callerNumber())
                .bind("startedAt", call.startedAt()).bind("durationSeconds", call.durationSeconds())
                .bind("outcome", call.outcome().name()).bind("spamCategory", call.spamCategory().name())
                .execute()) == 1;
    }

    /** Why a report was not taken. */
    public enum Refusal { NOT_CALLED, TOO_MANY }

    /**
     * Stores {@code userId}'s report of a number that called them; empty when stored, otherwise why
     * not (see {@link ReportPolicy}). A second report of the same number updates the category and
     * does not count against the daily limit twice.
     */
    public Optional<Refusal> report(String userId, SpamReport report, Instant now) {
        return jdbi.inTransaction(h -> {
            boolean called = h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM call_record WHERE user_id = :u AND caller_number = :n AND caller_asserted
                                AND started_at > :since)""")
                    .bind("u", userId).bind("n", report.callerNumber()).bind("since", now.minus(ReportPolicy.REPORTABLE_FOR))
                    .mapTo(Boolean.class).one();
            if (!called) {
                return Optional.of(Refusal.NOT_CALLED);
            }
            long today = h.createQuery("""
                            SELECT count(*) FROM spam_report WHERE user_id = :u AND reported_at > :since AND caller_number <> :n""")
                    .bind("u", userId).bind("n", report.callerNumber()).bind("since", now.minus(ReportPolicy.DAY))
                    .mapTo(Long.class).one();
            if (today >= policy.perDay()) {
                return Optional.of(Refusal.TOO_MANY);
            }
            h.createUpdate("""
                            INSERT INTO spam_report (user_id, caller_number, category, reported_at) VALUES (:u, :n, :c, :now)
                            ON CONFLICT (user_id, caller_number) DO UPDATE SET category = EXCLUDED.category""")
                    .bind("u", userId).bind("n", report.callerNumber()).bind("c", report.category().name()).bind("now", now).execute();
            return Optional.<Refusal>empty();
        });
    }

    /** When {@code userId} last got an asserted call from {@code number}, if ever. */
    public Optional<Instant> lastCallTo(String userId, String number) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT max(started_at) FROM call_record WHERE user_id = :u AND caller_number = :n AND caller_asserted")
                .bind("u", userId).bind("n", number).mapTo(Instant.class).findOne());
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
                            FROM call_record WHERE caller_number = :n AND caller_asserted""")
                    .bind("n", number).bind("since", since).mapToMap().one();
            long total = ((Number) totals.get("total")).longValue();
            if (total == 0) {
                return Optional.empty(); // reports need an asserted call, so there are none either
            }
            var reports = reports(h, number, now);
            long reporters = ((Number) reports.get("reporters")).longValue();
            double weighted = ((Number) reports.get("weighted")).doubleValue();
            Map<CallOutcome, Long> outcomes = outcomes(h, "caller_number = :key AND caller_asserted", number, Instant.EPOCH);
            long users = ((Number) totals.get("users")).longValue();
            double score = SpamScore.of(policy, total, ((Number) totals.get("classified")).longValue(), outcomes.get(CallOutcome.BLOCKED),
                    users, reporters, weighted, ((Number) totals.get("recent_users")).longValue());
            java.sql.Timestamp lastCall = (java.sql.Timestamp) totals.get("last_call");
            return Optional.of(new CallerProfile(number, total, users, ((Number) totals.get("recent")).longValue(),
                    lastCall == null ? null : lastCall.toInstant(), outcomes, reporters, category(h, number), score));
        });
    }

    /**
     * The reports that count for {@code number}: from users it called (asserted), each weighted by
     * how many reports its author filed in 30 days ({@link ReportPolicy}).
     */
    private static Map<String, Object> reports(Handle h, String number, Instant now) {
        return h.createQuery("""
                        SELECT count(*) AS reporters,
                               coalesce(sum(least(1.0, :fair / greatest(1, coalesce(recent.n, 1)))), 0) AS weighted
                        FROM spam_report r
                        LEFT JOIN (SELECT user_id, count(*) AS n FROM spam_report WHERE reported_at > :window GROUP BY user_id) recent
                            ON recent.user_id = r.user_id
                        WHERE r.caller_number = :n AND EXISTS (SELECT 1 FROM call_record c
                            WHERE c.user_id = r.user_id AND c.caller_number = r.caller_number AND c.caller_asserted)""")
                .bind("n", number).bind("fair", ReportPolicy.FAIR_SHARE).bind("window", now.minus(ReportPolicy.WEIGHTING_WINDOW))
                .mapToMap().one();
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
                            SELECT spam_category AS category FROM call_record
                                WHERE caller_number = :n AND caller_asserted AND spam_category <> 'NONE'
                            UNION ALL
                            SELECT r.category FROM spam_report r WHERE r.caller_number = :n AND EXISTS (SELECT 1 FROM call_record c
                                WHERE c.user_id = r.user_id AND c.caller_number = r.caller_number AND c.caller_asserted)) AS c
                        GROUP BY category ORDER BY count(*) DESC, category LIMIT 1""")
                .bind("n", number).mapTo(String.class).findOne().map(SpamCategory::valueOf).orElse(SpamCategory.NONE);
    }
}
