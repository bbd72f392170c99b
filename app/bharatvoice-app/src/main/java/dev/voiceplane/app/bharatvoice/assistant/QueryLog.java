package dev.voiceplane.app.bharatvoice.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Users' queries and uploads in PostgreSQL. */
public final class QueryLog {

    private final Jdbi jdbi;
    private final Clock clock;

    public QueryLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Logs a query; returns its id. */
    public String record(String userId, String text, Detection detection, String language, String topic) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO query_log (id, user_id, text, language, script, topic, created_at)
                VALUES (:id, :userId, :text, :language, :script, :topic, :now)""")
                .bind("id", id).bind("userId", userId).bind("text", text).bind("language", language)
                .bind("script", detection.script()).bind("topic", topic).bind("now", clock.instant()).execute());
        return id;
    }

    /** A user's latest queries, newest first. */
    public List<Map<String, Object>> history(String userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, text, language, topic, created_at FROM query_log WHERE user_id = :userId
                ORDER BY created_at DESC, id LIMIT :limit""")
                .bind("userId", userId).bind("limit", limit)
                .map((rs, ctx) -> Map.<String, Object>of("id", rs.getString(1), "text", rs.getString(2), "language", rs.getString(3),
                        "topic", rs.getString(4), "createdAt", rs.getTimestamp(5).toInstant()))
                .list());
    }

    public void recordUpload(String id, String userId, String path, long bytes, String contentType, String language, String jobId) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO voice_upload (id, user_id, path, bytes, content_type, language, job_id, created_at)
                VALUES (:id, :userId, :path, :bytes, :contentType, :language, :jobId, :now)""")
                .bind("id", id).bind("userId", userId).bind("path", path).bind("bytes", bytes).bind("contentType", contentType)
                .bind("language", language).bind("jobId", jobId).bind("now", now).execute());
    }

    /** Who uploaded the recording job {@code jobId} processes, if it is a voice upload. */
    public java.util.Optional<String> uploadOwner(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM voice_upload WHERE job_id = :id").bind("id", jobId)
                .mapTo(String.class).findOne());
    }

    /** The stored final outcome of a job, once the worker wrote it. */
    public java.util.Optional<Map<String, Object>> jobResult(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, attempts, result, error, finished_at FROM job_result WHERE job_id = :id")
                .bind("id", jobId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("status", rs.getString(1));
                    row.put("attempts", rs.getInt(2));
                    row.put("result", rs.getString(3));
                    row.put("error", rs.getString(4));
                    row.put("finishedAt", rs.getTimestamp(5).toInstant());
                    return row;
                })
                .findOne());
    }
}
