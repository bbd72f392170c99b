package dev.voiceplane.app.bharatvoice.worker;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Final job outcomes in PostgreSQL ({@code job_result}, bharatvoice-app's schema); written before Redis is told. */
public final class JobResults {

    private final Jdbi jdbi;
    private final Clock clock;

    public JobResults(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records a finished job; a repeated write (a job re-run after a crash) replaces the earlier one. */
    public void record(String jobId, String kind, String status, int attempts, String result, String error) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO job_result (job_id, kind, status, attempts, result, error, finished_at)
                VALUES (:id, :kind, :status, :attempts, :result, :error, :now)
                ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                    result = EXCLUDED.result, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at""")
                .bind("id", jobId).bind("kind", kind).bind("status", status).bind("attempts", attempts)
                .bind("result", result).bind("error", error).bind("now", clock.instant()).execute());
    }
}
