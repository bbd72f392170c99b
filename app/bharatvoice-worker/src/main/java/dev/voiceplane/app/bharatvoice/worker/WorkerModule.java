package dev.voiceplane.app.bharatvoice.worker;

import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * bharatvoice-worker (catalog port 8001): runs the queue's jobs. Its HTTP port serves only health
 * and {@code /metrics}; the catalog gives it no JWT secret, so every other path answers 401.
 */
public final class WorkerModule implements ServiceModule {

    public static final String NAME = "bharatvoice-worker";

    private final Backoff backoff;
    private final Map<String, JobHandler> extraHandlers;

    public WorkerModule() {
        this(Backoff.DEFAULT, Map.of());
    }

    /** With another backoff and additional handlers (tests, diagnostics). */
    public WorkerModule(Backoff backoff, Map<String, JobHandler> extraHandlers) {
        this.backoff = backoff;
        this.extraHandlers = Map.copyOf(extraHandlers);
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
        Map<String, JobHandler> handlers = new LinkedHashMap<>();
        Path dataDir = Path.of(context.config().get(Env.DATA_DIR));
        handlers.put(TranscribeHandler.KIND, new TranscribeHandler(dataDir));
        handlers.putAll(extraHandlers);
        JobWorker worker = new JobWorker(new JobQueue(context.redis().client(), context.clock()),
                new JobResults(context.database().jdbi(), context.clock()), new JobFiles(dataDir), handlers, concurrency, maxAttempts,
                backoff, context.clock(), context.metrics());
        context.addTask(worker);
    }
}
