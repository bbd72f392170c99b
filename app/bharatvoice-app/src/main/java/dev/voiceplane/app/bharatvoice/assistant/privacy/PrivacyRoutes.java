package dev.voiceplane.app.bharatvoice.assistant.privacy;

import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BharatVoice's GDPR endpoints. Its users are its own (registered at {@code /api/auth}), so a person
 * asks here, for themselves, and an admin may ask for anyone:
 * <ul>
 * <li>{@code GET /api/users/{userId}/export}: everything held ({@link UserDataExport})</li>
 * <li>{@code GET /api/users/{userId}/files/<path>}: one of their files (an upload, a job's output)</li>
 * <li>{@code DELETE /api/users/{userId}}: erasure ({@link UserErasure}); the token used stops working</li>
 * <li>{@code POST /api/admin/retention/sweep}: runs the retention sweep now ({@link UploadRetention})</li>
 * </ul>
 * Export and erasure are recorded as {@code privacy_event} rows (who, when) and counted in
 * {@code bharatvoice_gdpr_requests_total{kind}}.
 */
public final class PrivacyRoutes {

    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyRoutes.class);

    private final UserDataExport export;
    private final UserErasure erasure;
    private final UserFiles files;
    private final UploadRetention retention;
    private final MeterRegistry metrics;

    public PrivacyRoutes(dev.voiceplane.app.core.runtime.ServiceContext context, JobQueue queue, Path dataDir) {
        var jdbi = context.database().jdbi();
        this.files = new UserFiles(jdbi, dataDir);
        this.export = new UserDataExport(jdbi, queue, files, context.clock());
        this.erasure = new UserErasure(jdbi, queue, files, context.revocations(), context.clock());
        this.retention = new UploadRetention(jdbi, queue, dataDir, context.clock(), UploadRetention.from(context.config()));
        this.metrics = context.metrics();
        List.of("export", "erasure").forEach(kind -> metrics.counter("bharatvoice_gdpr_requests", "kind", kind));
        context.every("upload-retention", UploadRetention.FIRST_SWEEP, UploadRetention.SWEEP_INTERVAL,
                () -> LOG.info("retention sweep deleted {}", retention.sweep()));
    }

    public void install(io.javalin.Javalin app) {
        app.get("/api/users/{userId}/export", ctx -> {
            String userId = target(ctx);
            Map<String, Object> data = export.export(userId, actor(ctx, userId));
            metrics.counter("bharatvoice_gdpr_requests", "kind", "export").increment();
            ctx.header("Content-Disposition", "attachment; filename=\"bharatvoice-" + userId + ".json\"").json(data);
        }, Role.USER, Role.ADMIN);
        app.get("/api/users/{userId}/files/<path>", ctx -> {
            String userId = target(ctx);
            Path file = files.owned(userId, ctx.pathParam("path"))
                    .orElseThrow(() -> new NotFoundResponse("no file " + abbreviate(ctx.pathParam("path")) + " of user " + userId));
            ctx.contentType(contentType(file));
            ctx.header("Content-Length", Long.toString(Files.size(file)));
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(ctx.res().getOutputStream());
            } catch (IOException e) {
                LOG.warn("download of a file of user {} broke off: {}", userId, e.toString());
            }
        }, Role.USER, Role.ADMIN);
        app.delete("/api/users/{userId}", ctx -> {
            String userId = target(ctx);
            String actor = actor(ctx, userId);
            Map<String, Integer> erased = erasure.erase(userId, actor);
            metrics.counter("bharatvoice_gdpr_requests", "kind", "erasure").increment();
            LOG.info("user {} erased by {}: {}", userId, actor, erased);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", userId);
            body.put("erased", erased);
            body.put("retained", "a record that this user id was erased, by whom and when (no personal data)");
            ctx.json(body);
        }, Role.USER, Role.ADMIN);
        app.post("/api/admin/retention/sweep", ctx -> ctx.json(retention.sweep()), Role.ADMIN);
    }

    /** The user the request is about: the caller themself, or anyone for an admin. */
    private static String target(Context ctx) {
        String userId = Input.param("userId", ctx.pathParam("userId"), USER_ID, "1-64 letters, digits, '-' or '_'");
        Principal principal = AccessGuard.principal(ctx);
        if (!principal.subject().equals(userId) && !principal.has(Role.ADMIN)) {
            throw new ForbiddenResponse("you may only export or erase your own data");
        }
        return userId;
    }

    private static String actor(Context ctx, String userId) {
        String subject = AccessGuard.principal(ctx).subject();
        return subject.equals(userId) ? "self" : subject;
    }

    /** Uploads by their accepted audio type; a job's other files as JSON, text or bytes. */
    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        return dev.voiceplane.app.bharatvoice.assistant.VoiceUploads.contentTypeOf(name)
                .orElse(name.endsWith(".json") ? "application/json" : name.endsWith(".txt") ? "text/plain; charset=utf-8"
                        : "application/octet-stream");
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
