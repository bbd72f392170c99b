package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.observability.CounterFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing acknowledged is lost: an upload is recorded in PostgreSQL (with its job id) before it is
 * enqueued and acknowledged, and this sweep re-enqueues every recorded upload whose job has no
 * final result in PostgreSQL and is unknown to Redis: a Redis that restarted without its data, a
 * failover that lost the last writes, or an upload taken while Redis was down. Enqueueing is
 * idempotent by job id ({@link JobQueue#enqueue(String, String, String)}), so replicas sweeping at
 * once, or a sweep racing the upload itself, run a job once. Runs every {@link #INTERVAL} and on
 * demand ({@code POST /api/admin/jobs/reconcile}); counted in {@code bharatvoice_jobs_reconciled_total}.
 */
public final class UploadReconciler {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Older uploads' jobs had a week in Redis to finish; their outcome is in job_result or they are an operator's case. */
    static final Duration LOOK_BACK = Duration.ofDays(JobQueue.RETENTION_DAYS);
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(UploadReconciler.class);

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final Clock clock;
    private final CounterFamily reconciled;

    public UploadReconciler(Jdbi jdbi, JobQueue queue, Clock clock, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.clock = clock;
        this.reconciled = CounterFamily.of(metrics, "bharatvoice_jobs_reconciled", "uploads whose lost job was enqueued again",
                "kind", List.of(AssistantRoutes.TRANSCRIBE));
    }

    /** One sweep; returns how many jobs it enqueued again. */
    public int sweep() {
        List<Map<String, Object>> open = jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.user_id, u.path, u.bytes, u.content_type, u.language, u.job_id, u.created_at FROM voice_upload u
                        WHERE u.created_at > :since AND NOT EXISTS (SELECT 1 FROM job_result r WHERE r.job_id = u.job_id)
                        ORDER BY u.created_at LIMIT :batch""")
                .bind("since", clock.instant().minus(LOOK_BACK)).bind("batch", BATCH).mapToMap().list());
        int requeued = 0;
        for (Map<String, Object> upload : open) {
            String jobId = (String) upload.get("job_id");
            if (queue.enqueue(jobId, AssistantRoutes.TRANSCRIBE, payload(upload))) {
                requeued++;
                reconciled.increment(AssistantRoutes.TRANSCRIBE);
                LOG.warn("job {} of upload {} was not in Redis; enqueued it again", jobId, upload.get("id"));
            }
        }
        return requeued;
    }

    /** The job payload of an upload row: the same the upload itself enqueued. */
    static String payload(Map<String, Object> upload) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("uploadId", upload.get("id"));
        payload.put("userId", upload.get("user_id"));
        payload.put("file", upload.get("path"));
        payload.put("bytes", ((Number) upload.get("bytes")).longValue());
        payload.put("contentType", upload.get("content_type"));
        payload.put("language", upload.get("language"));
        // When the upload was accepted: the voice path's latency is measured from here to the answer's audio.
        Object accepted = upload.get("created_at");
        payload.put("acceptedAt", accepted instanceof java.sql.Timestamp t ? t.toInstant().toString() : accepted == null ? null : accepted.toString());
        try {
            return Json.mapper().writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job payload", e);
        }
    }
}
