package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.bharatvoice.queue.ErasedUsers;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Final job outcomes in PostgreSQL ({@code job_result}, bharatvoice-app's schema); written before
 * Redis is told. An outcome names the job's owner (the payload's {@code userId}), so erasure and
 * export find every job of a user whatever its kind, and it is written only while that owner is
 * not erased ({@link ErasedUsers}): a job that finishes after its owner's erasure leaves nothing.
 */
public final class JobResults {

    private final Jdbi jdbi;
    private final Clock clock;

    public JobResults(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records a finished job; a repeated write (a job re-run after a crash) replaces the earlier one.
     * False, and nothing written, when {@code userId} was erased meanwhile.
     */
    public boolean record(String jobId, String userId, String kind, String status, int attempts, String result, String error) {
        return jdbi.inTransaction(h -> {
            if (!ErasedUsers.writableFor(h, userId)) {
                return false;
            }
            h.createUpdate("""
                    INSERT INTO job_result (job_id, user_id, kind, status, attempts, result, error, finished_at)
                    VALUES (:id, :user, :kind, :status, :attempts, :result, :error, :now)
                    ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                        result = EXCLUDED.result, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at""")
                    .bind("id", jobId).bind("user", userId).bind("kind", kind).bind("status", status).bind("attempts", attempts)
                    .bind("result", result).bind("error", error).bind("now", clock.instant()).execute();
            return true;
        });
    }

    /** Whether the job's owner was erased (a job of no one never is): such a job is not run at all. */
    public boolean ownerErased(String userId) {
        return userId != null && jdbi.withHandle(h -> ErasedUsers.erased(h, userId));
    }
}
