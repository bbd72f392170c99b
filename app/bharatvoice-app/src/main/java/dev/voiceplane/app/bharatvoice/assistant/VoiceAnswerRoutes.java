package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/jobs/{jobId}/audio}: the spoken answer of a voice query, a 16 kHz mono WAV file,
 * for the user who uploaded the question and no one else (admins included: it is that user's voice
 * query). 404 until the answer exists, or once it was erased.
 */
public final class VoiceAnswerRoutes {

    /** What a voice job's error starts with: {@code "<stage> failed: ..."} or {@code "<stage> timed out: ..."}. */
    private static final Pattern STAGE = Pattern.compile("^(?:\\w+: )?(verify|transcribe|answer|synthesize|store) (?:failed|timed out)");

    private final QueryLog log;
    private final VoiceAnswers answers;

    public VoiceAnswerRoutes(QueryLog log, VoiceAnswers answers) {
        this.log = log;
        this.answers = answers;
    }

    public void install(Javalin app) {
        app.get("/api/jobs/{jobId}/audio", ctx -> {
            String jobId = Input.param("jobId", ctx.pathParam("jobId"), AssistantRoutes.JOB_ID, "a job id as returned by an upload");
            String caller = AccessGuard.principal(ctx).subject();
            String owner = log.uploadOwner(jobId).orElseThrow(() -> new NotFoundResponse("no voice upload has job " + jobId));
            if (!owner.equals(caller)) {
                throw new ForbiddenResponse("only the user who uploaded the question may fetch its answer");
            }
            VoiceAnswers.VoiceAnswer answer = answers.ofJob(jobId).orElseThrow(() ->
                    new NotFoundResponse("job " + jobId + " has no spoken answer (yet): see GET /api/jobs/" + jobId));
            Path file = answers.resolve(answer.audioPath());
            if (!Files.exists(file)) {
                throw new NotFoundResponse("the answer audio of job " + jobId + " is gone");
            }
            ctx.contentType("audio/wav").header("Content-Length", Long.toString(Files.size(file)))
                    .header("Cache-Control", "private, no-store");
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(ctx.outputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot send the answer audio of job " + jobId, e);
            }
        }, Role.USER, Role.ADMIN);
    }

    /** The stage a voice job stopped at, from its last error; null when it names none. */
    static String failedStage(String lastError) {
        if (lastError == null) {
            return null;
        }
        Matcher stage = STAGE.matcher(lastError);
        return stage.find() ? stage.group(1) : null;
    }
}
