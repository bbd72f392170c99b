package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.telephony.SpamCategory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import dev.voiceplane.app.core.runtime.RetrySchedule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Analyses in PostgreSQL, one per call; the first analysis of a call wins, so a retried request is harmless. */
public final class AnalysisStore {

    private static final String COLUMNS = """
            call_id, user_id, caller_number, started_at, duration_seconds, outcome, turns, summary, sentiment,
            sentiment_score, category, quality, analyzer, created_at, reported_at, caller_asserted""";
    private static final String PENDING = "reported_at IS NULL AND caller_number IS NOT NULL AND report_dead_lettered_at IS NULL";

    private final Jdbi jdbi;
    private final Clock clock;

    public AnalysisStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Stores the analysis unless the call has one; true when this call stored it. The request that
     * stored it reports it at once, so the retry task leaves the row alone for
     * {@link OutcomeReporter#FIRST_ATTEMPT_LEASE}: both sending it raced, and a refused report was
     * dead-lettered (and counted) twice (issue 10, seen with both cores busy).
     */
    public boolean insert(AnalysisRequest request, Findings findings, String analyzer) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO call_analysis (call_id, user_id, caller_number, started_at, duration_seconds, outcome, turns, summary,
                    sentiment, sentiment_score, category, quality, analyzer, created_at, caller_asserted, next_report_at)
                VALUES (:callId, :userId, :callerNumber, :startedAt, :duration, :outcome, :turns, :summary, :sentiment,
                    :sentimentScore, :category, :quality, :analyzer, :now, :asserted, :firstRetry)
                ON CONFLICT (call_id) DO NOTHING""")
                .bind("asserted", request.callerAsserted())
                .bind("callId", request.callId()).bind("userId", request.userId()).bind("callerNumber", request.callerNumber())
                .bind("startedAt", request.startedAt() != null ? request.startedAt() : now).bind("duration", request.durationSeconds())
                .bind("outcome", request.outcome().name()).bind("turns", request.transcript().size())
                .bind("summary", findings.summary()).bind("sentiment", findings.sentiment().name())
                .bind("sentimentScore", findings.sentimentScore()).bind("category", findings.category().name())
                .bind("quality", findings.quality()).bind("analyzer", analyzer).bind("now", now)
                .bind("firstRetry", now.plus(OutcomeReporter.FIRST_ATTEMPT_LEASE))
                .execute()) == 1;
    }

    public Optional<Analysis> find(String callId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM call_analysis WHERE call_id = :callId")
                .bind("callId", callId).map((rs, ctx) -> read(rs)).findOne());
    }

    public List<Analysis> forUser(String userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM call_analysis WHERE user_id = :userId ORDER BY created_at DESC, call_id LIMIT :limit")
                .bind("userId", userId).bind("limit", limit).map((rs, ctx) -> read(rs)).list());
    }

    /** Analyses whose outcome profile-analytics has not yet acknowledged and whose next attempt is due, oldest first. */
    public List<Analysis> unreported(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM call_analysis WHERE " + PENDING
                        + " AND (next_report_at IS NULL OR next_report_at <= :now) ORDER BY created_at LIMIT :limit")
                .bind("limit", limit).bind("now", clock.instant()).map((rs, ctx) -> read(rs)).list());
    }

    public long countUnreported() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM call_analysis WHERE " + PENDING).mapTo(Long.class).one());
    }

    public long countDeadLettered() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM call_analysis WHERE report_dead_lettered_at IS NOT NULL")
                .mapTo(Long.class).one());
    }

    /**
     * Records a failed report: the next attempt after {@code schedule}'s backoff, or the dead-letter
     * when the failure is permanent or the attempts are used up. True when it went to the dead-letter.
     */
    public boolean reportFailed(String callId, boolean permanent, String error, RetrySchedule schedule) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int attempts = h.createQuery("SELECT report_attempts FROM call_analysis WHERE call_id = :callId FOR UPDATE")
                    .bind("callId", callId).mapTo(Integer.class).one() + 1;
            boolean dead = permanent || schedule.exhausted(attempts);
            h.createUpdate("""
                            UPDATE call_analysis SET report_attempts = :attempts, next_report_at = :next, report_error = :error,
                                report_dead_lettered_at = :dead WHERE call_id = :callId""")
                    .bind("callId", callId).bind("attempts", attempts).bind("next", schedule.nextAttempt(attempts, now))
                    .bind("error", error.length() > 500 ? error.substring(0, 500) : error).bind("dead", dead ? now : null).execute();
            return dead;
        });
    }

    public void markReported(String callId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE call_analysis SET reported_at = :now WHERE call_id = :callId")
                .bind("callId", callId).bind("now", clock.instant()).execute());
    }

    private static Analysis read(ResultSet rs) throws SQLException {
        Timestamp reported = rs.getTimestamp("reported_at");
        return new Analysis(rs.getString("call_id"), rs.getString("user_id"), rs.getString("caller_number"),
                rs.getTimestamp("started_at").toInstant(), rs.getInt("duration_seconds"), Outcome.valueOf(rs.getString("outcome")),
                rs.getInt("turns"), rs.getString("summary"), Sentiment.valueOf(rs.getString("sentiment")), rs.getDouble("sentiment_score"),
                SpamCategory.valueOf(rs.getString("category")), rs.getDouble("quality"), rs.getString("analyzer"),
                rs.getTimestamp("created_at").toInstant(), reported == null ? null : reported.toInstant(), rs.getBoolean("caller_asserted"));
    }
}
