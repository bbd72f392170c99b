package dev.voiceplane.app.bharatvoice.assistant.privacy;

import dev.voiceplane.app.bharatvoice.queue.ErasedUsers;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.auth.TokenRevocations;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * GDPR erasure (Art. 17) of a BharatVoice user, who is this service's own (no user-management
 * stands in front): the account with its sessions and refresh tokens, every query, every upload
 * and job row, every voice answer (transcript, answer, audio), the jobs still queued or finished in Redis, and the files on the data volume.
 *
 * <p>One PostgreSQL transaction holds the user's erasure lock ({@link ErasedUsers}) while it deletes
 * the rows, records the erasure ({@code privacy_event}: who, when, how much) and, before it commits,
 * revokes the user's access tokens on every BharatVoice service and purges their jobs from Redis:
 * if Redis does not answer, nothing is erased and the caller gets 503 to retry. The files go after
 * the commit; one that cannot be deleted has no owner row left and the retention sweep removes it.
 * A job that is running meanwhile finds the erasure when it finishes and discards its own output.
 * Idempotent: erasing again removes nothing and answers the same way.
 */
final class UserErasure {

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final UserFiles files;
    private final TokenRevocations revocations;
    private final Clock clock;

    UserErasure(Jdbi jdbi, JobQueue queue, UserFiles files, TokenRevocations revocations, Clock clock) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.files = files;
        this.revocations = revocations;
        this.clock = clock;
    }

    /**
     * Erases everything held about {@code userId}; {@code actor} is {@code self} or the admin's id.
     * Returns how many items of each kind went.
     */
    Map<String, Integer> erase(String userId, String actor) {
        record Rows(Map<String, Integer> counts, List<String> uploads, List<String> jobs) {
        }
        Rows rows = jdbi.inTransaction(h -> {
            ErasedUsers.lockForErasure(h, userId);
            List<String> uploads = new java.util.ArrayList<>(UserFiles.uploadPaths(h, userId));
            List<String> answers = h.createQuery("DELETE FROM voice_answer WHERE user_id = :u RETURNING audio_path").bind("u", userId)
                    .mapTo(String.class).list();
            uploads.addAll(answers);
            List<String> jobs = UserFiles.jobIds(h, userId);
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("account", 0);
            counts.put("sessions", 0);
            accountId(userId).ifPresent(id -> {
                counts.put("sessions", h.createUpdate("DELETE FROM auth_session WHERE user_id = :id").bind("id", id).execute());
                counts.put("account", h.createUpdate("DELETE FROM user_account WHERE id = :id").bind("id", id).execute());
            });
            counts.put("queries", h.createUpdate("DELETE FROM query_log WHERE user_id = :u").bind("u", userId).execute());
            counts.put("uploads", h.createUpdate("DELETE FROM voice_upload WHERE user_id = :u").bind("u", userId).execute());
            counts.put("voiceAnswers", answers.size());
            counts.put("jobResults", h.createUpdate("DELETE FROM job_result WHERE user_id = :u OR job_id IN (<jobs>)")
                    .bind("u", userId).bindList("jobs", jobs.isEmpty() ? List.of("") : jobs).execute());
            recordErasure(h, userId, actor, counts);
            // Before the commit: with Redis down the erasure fails as a whole (503) instead of leaving live tokens or queued jobs.
            revocations.revokeAll(userId);
            counts.put("queuedJobs", queue.purge(jobs));
            return new Rows(counts, uploads, jobs);
        });
        Map<String, Integer> counts = new LinkedHashMap<>(rows.counts());
        counts.put("files", files.delete(rows.uploads(), rows.jobs()));
        return counts;
    }

    private void recordErasure(Handle h, String userId, String actor, Map<String, Integer> counts) {
        h.createUpdate("""
                        INSERT INTO privacy_event (user_id, action, actor, at, detail) VALUES (:u, 'erasure', :actor, :at, :detail)
                        ON CONFLICT (user_id) WHERE action = 'erasure' DO NOTHING""")
                .bind("u", userId).bind("actor", actor).bind("at", clock.instant()).bind("detail", counts.toString()).execute();
    }

    /** Accounts have UUIDs; a token's subject that is not one (a test's, an operator's) has no account row. */
    static Optional<UUID> accountId(String userId) {
        try {
            return Optional.of(UUID.fromString(userId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
