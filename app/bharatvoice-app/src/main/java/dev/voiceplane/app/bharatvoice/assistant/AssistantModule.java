package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.bharatvoice.assistant.auth.AuthRoutes;
import dev.voiceplane.app.bharatvoice.assistant.auth.AuthService;
import dev.voiceplane.app.bharatvoice.assistant.auth.AuthStore;
import dev.voiceplane.app.core.auth.AccountLockout;
import dev.voiceplane.app.core.auth.PasswordHasher;
import dev.voiceplane.app.bharatvoice.assistant.auth.RefreshTokens;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The BharatVoice assistant (catalog port 8000, {@code /health/live}): answers in the languages of
 * {@code SUPPORTED_LANGUAGES}, stores voice uploads under {@code DATA_DIR} and queues them for
 * bharatvoice-worker. Users register and log in at {@code /api/auth} (accounts and refresh tokens
 * in PostgreSQL; access tokens signed with {@code JWT_ACCESS_SECRET} as core verifies them).
 */
public final class AssistantModule implements ServiceModule {

    public static final String NAME = "bharatvoice-app";
    /** Languages with a knowledge base in this build. */
    public static final List<String> KNOWN_LANGUAGES = List.of("en", "hi", "mr", "ta", "te", "bn", "gu", "kn", "ml", "pa");

    /** Voice uploads stream to disk with their own bound; every other body keeps core's 1 MB. */
    @Override
    public long maxRequestBytes(String path) {
        return AssistantRoutes.UPLOADS.equals(path) ? VoiceUploads.MAX_BYTES : ServiceModule.super.maxRequestBytes(path);
    }

    @Override
    public void install(ServiceContext context) {
        List<String> languages = supportedLanguages(context.config().get(Env.SUPPORTED_LANGUAGES));
        List<String> voiceLanguages = voiceLanguages(context.config().optional(Env.VOICE_LANGUAGES).orElse(""), languages);
        AnswerEngine answers = new AnswerEngine(languages, context.clock());
        VoiceUploads uploads;
        try {
            uploads = new VoiceUploads(Path.of(context.config().get(Env.DATA_DIR)));
        } catch (java.io.UncheckedIOException e) {
            throw new ConfigException("environment variable " + Env.DATA_DIR + ": " + e.getMessage());
        }
        QueryLog log = new QueryLog(context.database().jdbi(), context.clock());
        JobQueue queue = new JobQueue(context.redis().client(), context.clock());
        UploadReconciler reconciler = new UploadReconciler(context.database().jdbi(), queue, context.clock(), context.metrics());
        context.every("upload-reconciler", UploadReconciler.INTERVAL, UploadReconciler.INTERVAL, reconciler::sweep);
        VoiceAnswers voiceAnswers = new VoiceAnswers(context.database().jdbi(), Path.of(context.config().get(Env.DATA_DIR)));
        new AssistantRoutes(new LanguageDetector(), answers, log, uploads, queue, context.metrics(), reconciler, voiceLanguages, context.clock())
                .install(context.app());
        new VoiceAnswerRoutes(log, voiceAnswers).install(context.app());
        new AuthRoutes(new AuthService(new AuthStore(context.database().jdbi()), new PasswordHasher(), context.tokens(),
                new RefreshTokens(), languages, context.clock(), context.metrics(),
                new AccountLockout(context.database().jdbi(), "user_account", AccountLockout.policy(context.config()), context.clock())))
                .install(context.app());
    }

    /**
     * {@code VOICE_LANGUAGES}: the languages voice uploads are answered in (empty: en), each one also a
     * text language. Whether the speech provider can serve them is the worker's check at its start-up.
     */
    static List<String> voiceLanguages(String raw, List<String> supported) {
        List<String> voice = Arrays.stream((raw.isBlank() ? "en" : raw).split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).distinct().toList();
        List<String> notServed = voice.stream().filter(l -> !supported.contains(l)).toList();
        if (!notServed.isEmpty()) {
            throw new ConfigException("environment variable " + Env.VOICE_LANGUAGES + "='" + raw + "' lists " + notServed
                    + ", which " + Env.SUPPORTED_LANGUAGES + " " + supported + " does not: a voice language must be answered in text too");
        }
        return voice;
    }

    static List<String> supportedLanguages(String raw) {
        List<String> languages = Arrays.stream(raw.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .distinct().toList();
        List<String> unknown = languages.stream().filter(l -> !KNOWN_LANGUAGES.contains(l)).toList();
        if (languages.isEmpty() || !unknown.isEmpty()) {
            throw new ConfigException("environment variable " + Env.SUPPORTED_LANGUAGES + "='" + raw + "' must list codes from "
                    + KNOWN_LANGUAGES + (unknown.isEmpty() ? "" : "; unknown: " + unknown));
        }
        return languages;
    }
}
