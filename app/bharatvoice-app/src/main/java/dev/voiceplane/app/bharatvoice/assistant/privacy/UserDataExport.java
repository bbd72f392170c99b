package dev.voiceplane.app.bharatvoice.assistant.privacy;

import dev.voiceplane.app.bharatvoice.queue.Job;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * GDPR export (Art. 15 and 20) of a BharatVoice user, machine-readable: the account (never its
 * password hash), login sessions (never token hashes), every query, every upload, every voice answer
 * (transcript, answer, spoken audio), every job with
 * its outcome and the files it wrote, and the user's privacy events. Audio is not inlined: each
 * file has a {@code download} path ({@code GET /api/users/{userId}/files/...}) that serves it to
 * the same caller. Each export is recorded ({@code privacy_event}, action {@code export}).
 */
final class UserDataExport {

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final UserFiles files;
    private final Clock clock;

    UserDataExport(Jdbi jdbi, JobQueue queue, UserFiles files, Clock clock) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.files = files;
        this.clock = clock;
    }

    Map<String, Object> export(String userId, String actor) {
        Map<String, Object> export = jdbi.inTransaction(h -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("userId", userId);
            data.put("exportedAt", clock.instant());
            data.put("account", account(h, userId).orElse(null));
            data.put("sessions", sessions(h, userId));
            data.put("queries", rows(h, """
                    SELECT id, text, language, script, topic, created_at FROM query_log WHERE user_id = :u ORDER BY created_at, id""", userId));
            List<Map<String, Object>> uploads = rows(h, """
                    SELECT id, path, bytes, content_type, language, job_id, created_at FROM voice_upload WHERE user_id = :u
                    ORDER BY created_at, id""", userId);
            uploads.forEach(upload -> upload.put("download", download(userId, (String) upload.get("path"))));
            data.put("uploads", uploads);
            data.put("jobs", jobs(h, userId));
            List<Map<String, Object>> answers = rows(h, """
                    SELECT upload_id, transcript, language, confidence, topic, answer, audio_path, audio_bytes, provider, created_at
                    FROM voice_answer WHERE user_id = :u ORDER BY created_at, upload_id""", userId);
            answers.forEach(answer -> answer.put("download", download(userId, (String) answer.get("audioPath"))));
            data.put("voiceAnswers", answers);
            h.createUpdate("INSERT INTO privacy_event (user_id, action, actor, at) VALUES (:u, 'export', :actor, :at)")
                    .bind("u", userId).bind("actor", actor).bind("at", clock.instant()).execute();
            data.put("privacyEvents", rows(h, "SELECT action, actor, at FROM privacy_event WHERE user_id = :u ORDER BY at, id", userId));
            return data;
        });
        return export;
    }

    private static Optional<Map<String, Object>> account(Handle h, String userId) {
        return UserErasure.accountId(userId).flatMap(id -> h.createQuery("""
                        SELECT id, email, phone, preferred_language, created_at, failed_logins, lockouts, locked_until
                        FROM user_account WHERE id = :id""")
                .bind("id", id).mapToMap().findOne().map(UserDataExport::camelCase));
    }

    private static List<Map<String, Object>> sessions(Handle h, String userId) {
        return UserErasure.accountId(userId).map(id -> h.createQuery("""
                        SELECT id, created_at, last_used_at, revoked_at, revoke_reason FROM auth_session WHERE user_id = :id
                        ORDER BY created_at, id""")
                .bind("id", id).mapToMap().list().stream().map(UserDataExport::camelCase).toList()).orElse(List.of());
    }

    /** Every job of the user: its stored outcome, else its live state in Redis, and the files it wrote. */
    private List<Map<String, Object>> jobs(Handle h, String userId) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String jobId : UserFiles.jobIds(h, userId)) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("jobId", jobId);
            Optional<Map<String, Object>> outcome = h.createQuery("""
                            SELECT kind, status, attempts, result, error, finished_at FROM job_result WHERE job_id = :id""")
                    .bind("id", jobId).mapToMap().findOne().map(UserDataExport::camelCase);
            if (outcome.isPresent()) {
                job.putAll(outcome.get());
                job.put("result", json((String) outcome.get().get("result")));
            } else {
                Optional<Job> live = queue.find(jobId);
                job.put("kind", live.map(Job::kind).orElse(null));
                job.put("status", live.map(j -> j.status().name()).orElse("UNKNOWN"));
            }
            List<Map<String, Object>> written = new ArrayList<>();
            for (String path : files.jobFiles().list(jobId)) {
                written.add(Map.of("path", path, "bytes", files.size(path), "download", download(userId, path)));
            }
            job.put("files", written);
            jobs.add(job);
        }
        return jobs;
    }

    private static List<Map<String, Object>> rows(Handle h, String sql, String userId) {
        return h.createQuery(sql).bind("u", userId).mapToMap().list().stream().map(UserDataExport::camelCase)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    static String download(String userId, String path) {
        return "/api/users/" + userId + "/files/" + path;
    }

    private static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return text;
        }
    }

    /** Column names as the API spells fields ({@code created_at} → {@code createdAt}); timestamps as instants. */
    private static Map<String, Object> camelCase(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            StringBuilder name = new StringBuilder();
            boolean upper = false;
            for (char c : column.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    name.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            out.put(name.toString(), value instanceof java.sql.Timestamp t ? t.toInstant() : value);
        });
        return out;
    }
}
