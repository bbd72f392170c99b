package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.voiceplane.app.bharatvoice.assistant.AnswerEngine;
import dev.voiceplane.app.bharatvoice.assistant.VoiceAnswers;
import dev.voiceplane.app.speech.VoiceProvider;

/**
 * bharatvoice-worker (catalog port 8001): runs the queue's jobs, voice queries among them
 * ({@link VoiceQueryHandler}, through the speech provider {@code SPEECH_PROVIDER} names, for the
 * languages of {@code VOICE_LANGUAGES}). Its HTTP port serves only health and {@code /metrics}; the
 * catalog gives it no JWT secret, so every other path answers 401.
 */
public final class WorkerModule implements ServiceModule {

    public static final String NAME = "bharatvoice-worker";

    private final Backoff backoff;
    private final Map<String, JobHandler> extraHandlers;
    private final Optional<VoiceProvider> voice;

    public WorkerModule() {
        this(Backoff.DEFAULT, Map.of());
    }

    /** With another backoff and additional handlers (tests, diagnostics). */
    public WorkerModule(Backoff backoff, Map<String, JobHandler> extraHandlers) {
        this(backoff, extraHandlers, Optional.empty());
    }

    /** With a speech provider of the caller's instead of the one the configuration names (stand-ins in tests and benchmarks). */
    public WorkerModule(Backoff backoff, Map<String, JobHandler> extraHandlers, Optional<VoiceProvider> voice) {
        this.backoff = backoff;
        this.extraHandlers = Map.copyOf(extraHandlers);
        this.voice = voice;
    }

    /** The assistant migrates BharatVoice's schema (the catalog gives the worker no migrate step). */
    @Override
    public Optional<String> schemaOwner() {
        return Optional.of("bharatvoice-app");
    }

    @Override
    public void install(ServiceContext context) {
        int concurrency = context.config().intValue(Env.WORKER_CONCURRENCY);
        int maxAttempts = context.config().intValue(Env.JOB_MAX_ATTEMPTS);
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException("environment variable " + Env.WORKER_CONCURRENCY + "=" + concurrency + " must be between 1 and 64");
        }
        if (maxAttempts < 1) {
            throw new ConfigException("environment variable " + Env.JOB_MAX_ATTEMPTS + "=" + maxAttempts + " must be at least 1");
        }
        List<String> voiceLanguages = VoiceProviders.voiceLanguages(context.config());
        VoiceProvider provider = voice.orElseGet(() -> VoiceProviders.fromConfig(context.config()));
        if (voice.isEmpty()) {
            context.closeOnShutdown(provider); // an injected provider is its caller's to close
        }
        VoiceProviders.requireSupported(provider, voiceLanguages);
        AnswerEngine answers;
        try {
            answers = new AnswerEngine(voiceLanguages, context.clock());
        } catch (IllegalStateException e) {
            throw new ConfigException("environment variable " + Env.VOICE_LANGUAGES + ": " + e.getMessage());
        }
        Path dataDir = Path.of(context.config().get(Env.DATA_DIR));
        Map<String, JobHandler> handlers = new LinkedHashMap<>();
        handlers.put(VoiceQueryHandler.KIND, new VoiceQueryHandler(dataDir, provider, voiceLanguages, answers,
                new VoiceAnswers(context.database().jdbi(), dataDir), new VoiceMetrics(context.metrics(), voiceLanguages), context.clock()));
        handlers.putAll(extraHandlers);
        JobWorker worker = new JobWorker(new JobQueue(context.redis().client(), context.clock()),
                new JobResults(context.database().jdbi(), context.clock()), handlers, concurrency, maxAttempts, backoff,
                context.clock(), context.metrics());
        context.addTask(worker);
    }
}
