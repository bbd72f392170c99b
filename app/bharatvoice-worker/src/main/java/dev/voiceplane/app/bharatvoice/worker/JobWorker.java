package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.queue.Job;
import dev.voiceplane.app.bharatvoice.queue.ErasedUsers;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.http.StoreOutage;
import dev.voiceplane.app.core.observability.LogSafe;
import dev.voiceplane.app.core.runtime.ManagedTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WORKER_CONCURRENCY} threads taking jobs from the queue. A failed attempt is retried after
 * {@link Backoff}; after {@code JOB_MAX_ATTEMPTS} attempts (or a {@link JobHandler.PermanentFailure})
 * the job goes to the dead-letter list. A try that failed because PostgreSQL or Redis did not answer
 * is tried again after the first backoff step without counting ({@link JobQueue#postpone}), however
 * long the outage lasts. Final outcomes are written to PostgreSQL before Redis
 * is told, so a crash in between re-runs the job rather than losing its result.
 *
 * <p>Shutdown: no new jobs are taken; jobs in hand finish within the grace period, and any still
 * running after it are handed back to the queue uncounted. A replica that dies without shutting
 * down leaves its jobs in its processing list; another replica moves them back once this
 * replica's heartbeat ({@link #HEARTBEAT_TTL}) expires. Nothing acknowledged as queued is lost.
 *
 * <p>Meters: {@code bharatvoice_jobs_total{kind,result}} (succeeded, retried, postponed, dead),
 * {@code bharatvoice_job_duration_seconds{kind}}, {@code bharatvoice_jobs_in_flight},
 * {@code bharatvoice_queue_depth{queue}} (ready, delayed, dead), and
 * {@code voice_processing_failures_total{stage}} for failed attempts of {@code voice.*} jobs.
 */
public final class JobWorker implements ManagedTask {

    /** How long a worker blocks waiting for a job; also how long shutdown may wait for an idle worker. */
    static final Duration CLAIM_WAIT = Duration.ofMillis(500);
    static final Duration HEARTBEAT_TTL = Duration.ofSeconds(15);
    static final Duration TICK = Duration.ofMillis(100);
    static final int RECOVER_EVERY_TICKS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    private final JobQueue queue;
    private final JobResults results;
    private final JobFiles files;
    private final Map<String, JobHandler> handlers;
    private final int concurrency;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String consumer = UUID.randomUUID().toString();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ticks = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService scheduler;

    public JobWorker(JobQueue queue, JobResults results, JobFiles files, Map<String, JobHandler> handlers, int concurrency,
            int maxAttempts, Backoff backoff, Clock clock, MeterRegistry metrics) {
        this.queue = queue;
        this.files = files;
        this.results = results;
        this.handlers = Map.copyOf(handlers);
        this.concurrency = concurrency;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.clock = clock;
        this.metrics = metrics;
        Gauge.builder("bharatvoice_jobs_in_flight", inFlight, Set::size).description("jobs running on this replica").register(metrics);
        depthGauge("ready", queue::readyCount);
        depthGauge("delayed", queue::delayedCount);
        depthGauge("dead", queue::deadCount);
    }

    private void depthGauge(String name, java.util.function.LongSupplier depth) {
        Gauge.builder("bharatvoice_queue_depth", () -> {
            try {
                return depth.getAsLong();
            } catch (RuntimeException e) {
                return Double.NaN; // Redis unreachable: readiness says so; the gauge shows a gap
            }
        }).tag("queue", name).description("jobs in the queue's lists").register(metrics);
    }

    @Override
    public String name() {
        return "job-worker";
    }

    @Override
    public void start() {
        running = true;
        queue.heartbeat(consumer, HEARTBEAT_TTL);
        queue.recoverOrphans();
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("job-scheduler"));
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < concurrency; i++) {
            Thread thread = daemon("job-worker-" + i).newThread(this::work);
            threads.add(thread);
            thread.start();
        }
    }

    /** Promotes due retries; every few seconds also renews the heartbeat and recovers orphans. */
    private void tick() {
        try {
            queue.promoteDue();
            if (ticks.incrementAndGet() % RECOVER_EVERY_TICKS == 0) {
                queue.heartbeat(consumer, HEARTBEAT_TTL);
                int recovered = queue.recoverOrphans();
                if (recovered > 0) {
                    LOG.info("recovered {} job(s) from replicas that stopped without handing them back", recovered);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("queue housekeeping failed: {}", e.toString());
        }
    }

    private void work() {
        while (running) {
            Optional<Job> claimed;
            try {
                claimed = queue.claim(consumer, CLAIM_WAIT);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("could not take a job from Redis: {}", e.toString());
                    pause();
                }
                continue;
            }
            if (claimed.isEmpty()) {
                continue;
            }
            Job job = claimed.get();
            if (!running) {
                queue.release(consumer, job.id());
                return;
            }
            inFlight.add(job.id());
            try {
                run(job);
            } finally {
                inFlight.remove(job.id());
            }
        }
    }

    private void run(Job job) {
        Timer.Sample sample = Timer.start();
        JobHandler handler = handlers.get(job.kind());
        String owner = owner(job);
        try {
            if (results.ownerErased(owner)) {
                discard(job);
                return;
            }
            if (handler == null) {
                throw new JobHandler.PermanentFailure("no handler for job kind '" + job.kind() + "'; known: " + handlers.keySet());
            }
            JsonNode payload = Json.mapper().readTree(job.payload());
            String result = handler.handle(payload, files.directory(job.id()));
            if (!results.record(job.id(), owner, job.kind(), "SUCCEEDED", job.attempts(), result, null)) {
                discard(job);
                return;
            }
            queue.succeed(consumer, job.id(), result);
            count(job, "succeeded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.release(consumer, job.id()); // shutdown cut it short: not the job's fault
        } catch (Exception e) {
            if (!running && Thread.currentThread().isInterrupted()) {
                queue.release(consumer, job.id());
                return;
            }
            if (ErasedUsers.UserErasedException.in(e)) {
                discard(job); // a write of the handler found its owner erased meanwhile
                return;
            }
            fail(job, e);
        } finally {
            sample.stop(Timer.builder("bharatvoice_job_duration").tag("kind", job.kind()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5)).register(metrics));
        }
    }

    private void fail(Job job, Exception e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean permanent = e instanceof JobHandler.PermanentFailure || e instanceof com.fasterxml.jackson.core.JsonProcessingException;
        if (job.kind().startsWith("voice.")) {
            // The VoiceProcessingFailures alert reads this rate, as it does realtime-processor's.
            metrics.counter("voice_processing_failures", "stage", job.kind()).increment();
        }
        Optional<String> outage = permanent ? Optional.empty() : StoreOutage.of(e);
        try {
            if (outage.isPresent()) {
                // Not the job's fault: counting it would bury the job after an outage of a few
                // attempts' backoff, or leave it stuck here when the burial cannot be recorded.
                queue.postpone(consumer, job.id(), outage.get() + " unavailable: " + LogSafe.describe(e),
                        clock.instant().plus(backoff.after(1)));
                count(job, "postponed");
            } else if (permanent || job.attempts() >= maxAttempts) {
                if (!results.record(job.id(), owner(job), job.kind(), "DEAD", job.attempts(), null, error)) {
                    discard(job);
                    return;
                }
                queue.bury(consumer, job.id(), error);
                count(job, "dead");
                LOG.warn("job {} ({}) moved to the dead-letter list after {} attempt(s): {}", job.id(), job.kind(), job.attempts(), error);
            } else {
                queue.retry(consumer, job.id(), error, clock.instant().plus(backoff.after(job.attempts())));
                count(job, "retried");
            }
        } catch (RuntimeException storeFailure) {
            // Left in the processing list: recovered and re-run once this replica's heartbeat lapses.
            LOG.error("could not record the failure of job {}: {}", job.id(), storeFailure.toString());
        }
    }

    /**
     * Drops a job whose owner was erased before it finished: what it wrote under its
     * {@link JobFiles} directory goes, and Redis forgets it (no result kept, no retry).
     */
    private void discard(Job job) {
        files.delete(job.id());
        queue.discard(consumer, job.id());
        count(job, "discarded");
        LOG.info("job {} ({}) discarded: its owner was erased", job.id(), job.kind());
    }

    /** The user a job works for: its payload's {@code userId}, or null for a job of no one (or an unreadable payload). */
    private static String owner(Job job) {
        try {
            JsonNode userId = Json.mapper().readTree(job.payload()).path("userId");
            return userId.isTextual() ? userId.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void count(Job job, String result) {
        metrics.counter("bharatvoice_jobs", "kind", job.kind(), "result", result).increment();
    }

    @Override
    public void stop(Duration grace) {
        running = false;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            for (String id : queue.processing(consumer)) {
                queue.release(consumer, id);
                LOG.info("job {} handed back to the queue at shutdown", id);
            }
            queue.signOff(consumer);
        } catch (RuntimeException e) {
            LOG.warn("could not hand jobs back at shutdown; another replica recovers them after {}: {}", HEARTBEAT_TTL, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(CLAIM_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** This replica's consumer id (its processing list's suffix). */
    public String consumer() {
        return consumer;
    }
}
