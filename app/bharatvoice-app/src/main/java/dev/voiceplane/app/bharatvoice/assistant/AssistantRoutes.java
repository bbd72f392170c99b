package dev.voiceplane.app.bharatvoice.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.queue.Job;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Routes;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import redis.clients.jedis.exceptions.JedisException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The assistant's HTTP API: text queries, language detection, voice uploads and the jobs they
 * start. Users act on their own data; admins on anyone's.
 */
public final class AssistantRoutes {

    public static final String TRANSCRIBE = "voice.transcribe";
    static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");
    /** Where voice uploads are posted; the only path whose body may exceed core's 1 MB. */
    static final String UPLOADS = Routes.VOICE_UPLOADS;

    private final LanguageDetector detector;
    private final AnswerEngine answers;
    private final QueryLog log;
    private final VoiceUploads uploads;
    private final JobQueue queue;
    private final MeterRegistry metrics;
    private final UploadReconciler reconciler;
    private final java.util.List<String> voiceLanguages;
    private final java.time.Clock clock;

    public AssistantRoutes(LanguageDetector detector, AnswerEngine answers, QueryLog log, VoiceUploads uploads, JobQueue queue,
            MeterRegistry metrics, UploadReconciler reconciler, java.util.List<String> voiceLanguages, java.time.Clock clock) {
        this.reconciler = reconciler;
        this.voiceLanguages = java.util.List.copyOf(voiceLanguages);
        this.clock = clock;
        this.detector = detector;
        this.answers = answers;
        this.log = log;
        this.uploads = uploads;
        this.queue = queue;
        this.metrics = metrics;
    }

    public void install(Javalin app) {
        app.get("/api/languages", ctx -> ctx.json(Map.of("supported", answers.languages())), Role.USER, Role.ADMIN);
        app.post("/api/languages/detect", ctx -> ctx.json(detector.detect(Input.body(ctx, QueryRequest.class).text())),
                Role.USER, Role.ADMIN);
        app.post(Routes.QUERIES, ctx -> {
            QueryRequest request = Input.body(ctx, QueryRequest.class);
            Detection detection = detector.detect(request.text());
            String language = request.language() != null ? request.language() : detection.language();
            if (!answers.supports(language)) {
                throw new HttpResponseException(422, (request.language() != null ? "language '" : "the query is in '") + language
                        + "', which this deployment does not serve; SUPPORTED_LANGUAGES is " + answers.languages());
            }
            AnswerEngine.Reply reply = answers.answer(request.text(), language);
            String id = log.record(AccessGuard.principal(ctx).subject(), request.text(), detection, language, reply.topic());
            metrics.counter("bharatvoice_queries", "language", language, "topic", reply.topic()).increment();
            ctx.json(new Answer(id, language, detection.script(), request.language() != null ? 1.0 : detection.confidence(),
                    reply.topic(), reply.text()));
        }, Role.USER, Role.ADMIN);
        app.get(Routes.QUERIES, ctx -> {
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n >= 1 && n <= 100, "must be between 1 and 100")
                    .getOrDefault(20);
            ctx.json(log.history(AccessGuard.principal(ctx).subject(), limit));
        }, Role.USER, Role.ADMIN);
        app.post(UPLOADS, ctx -> {
            String language = ctx.queryParam("language");
            if (language != null && !answers.supports(language)) {
                throw new io.javalin.http.BadRequestResponse("parameter 'language' must be one of " + answers.languages() + ", got '"
                        + (language.length() > 10 ? language.substring(0, 10) + "..." : language) + "'");
            }
            if (language != null && !voiceLanguages.contains(language)) {
                // Answered in text, not by voice: the speech provider cannot hear or speak it (VOICE_LANGUAGES).
                throw new HttpResponseException(422, "language '" + language + "' is answered in text only; voice uploads may be in "
                        + voiceLanguages + " (VOICE_LANGUAGES)");
            }
            String userId = AccessGuard.principal(ctx).subject();
            VoiceUploads.Stored stored = uploads.store(ctx);
            // Recorded (with its job id) before it is enqueued: whatever Redis loses, UploadReconciler enqueues again.
            String jobId = JobQueue.newId();
            log.recordUpload(stored.id(), userId, stored.file(), stored.bytes(), stored.contentType(), language, jobId);
            Map<String, Object> row = new HashMap<>();
            row.put("id", stored.id());
            row.put("user_id", userId);
            row.put("path", stored.file());
            row.put("bytes", stored.bytes());
            row.put("content_type", stored.contentType());
            row.put("language", language);
            row.put("created_at", clock.instant());
            String status = "QUEUED";
            try {
                queue.enqueue(jobId, TRANSCRIBE, UploadReconciler.payload(row));
            } catch (JedisException e) {
                // Acknowledged all the same: the upload is on disk and in PostgreSQL, and the sweep enqueues it.
                status = "ACCEPTED";
            }
            metrics.counter("bharatvoice_voice_uploads").increment();
            metrics.summary("bharatvoice_voice_upload_bytes").record(stored.bytes());
            ctx.status(202).json(Map.of("uploadId", stored.id(), "jobId", jobId, "bytes", stored.bytes(), "status", status));
        }, Role.USER, Role.ADMIN);
        app.post("/api/admin/jobs/reconcile", ctx -> ctx.json(Map.of("requeued", reconciler.sweep())), Role.ADMIN);
        app.get("/api/jobs/{jobId}", ctx -> {
            String jobId = Input.param("jobId", ctx.pathParam("jobId"), JOB_ID, "a job id as returned by an upload");
            Principal principal = AccessGuard.principal(ctx);
            Optional<Job> job = queue.find(jobId);
            if (job.isPresent()) {
                requireOwner(principal, job.get().payload());
                ctx.json(view(job.get()));
                return;
            }
            // Redis keeps finished jobs for a week; PostgreSQL keeps their outcome for good.
            Map<String, Object> stored = log.jobResult(jobId).orElseThrow(() -> new NotFoundResponse("no job " + jobId));
            if (!principal.has(Role.ADMIN)) {
                throw new ForbiddenResponse("only admins may read jobs older than a week");
            }
            ctx.json(stored);
        }, Role.USER, Role.ADMIN);
    }

    private static void requireOwner(Principal principal, String payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            if (!principal.mayActFor(node.path("userId").asText())) {
                throw new ForbiddenResponse("you may only read your own jobs");
            }
        } catch (IOException e) {
            throw new IllegalStateException("job payload is not JSON", e);
        }
    }

    private static Map<String, Object> view(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobId", job.id());
        view.put("kind", job.kind());
        view.put("status", job.status().name());
        view.put("attempts", job.attempts());
        view.put("lastError", job.lastError());
        JsonNode result = job.result() == null ? null : readTree(job.result());
        view.put("result", result);
        if (result != null && result.has("audio")) {
            view.put("audioUrl", "/api/jobs/" + job.id() + "/audio");
        }
        // Where an unfinished voice job stopped (RETRYING, DEAD): verify, transcribe, answer, synthesize or store.
        view.put("failedStage", job.status() == dev.voiceplane.app.bharatvoice.queue.JobStatus.SUCCEEDED ? null
                : VoiceAnswerRoutes.failedStage(job.lastError()));
        view.put("createdAt", job.createdAt());
        view.put("updatedAt", job.updatedAt());
        return view;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(json);
        }
    }
}
