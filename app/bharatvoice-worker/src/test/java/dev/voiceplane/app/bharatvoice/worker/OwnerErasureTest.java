package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.queue.ErasedUsers;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: an erasure racing a running job must not leave the job's output behind. The handler
 * writes its output, then waits on a latch while the test erases its owner; the interleaving is
 * fixed by the latches, not by timing.
 */
class OwnerErasureTest {

    static volatile CountDownLatch wrote = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger RUNS = new AtomicInteger();
    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    static final Map<String, JobHandler> HANDLERS = Map.of("test.writes", new JobHandler() {
        @Override
        public String handle(com.fasterxml.jackson.databind.JsonNode payload) {
            throw new UnsupportedOperationException("the worker passes the job's directory");
        }

        @Override
        public String handle(com.fasterxml.jackson.databind.JsonNode payload, Path files) throws Exception {
            RUNS.incrementAndGet();
            Files.createDirectories(files);
            Files.writeString(files.resolve("answer.txt"), "private answer");
            wrote.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "{\"answer\":\"private answer\"}";
        }
    });

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-worker",
                    () -> new WorkerModule(new Backoff(Duration.ofMillis(20)), HANDLERS))
            .withEnv(Env.JOB_MAX_ATTEMPTS, "3").withEnv(Env.WORKER_CONCURRENCY, "1")
            .withDataDirectory(() -> dataDir);

    @Test
    void aJobWhoseOwnerIsErasedWhileItRunsLeavesNoResultNoFilesAndNothingInRedis() throws Exception {
        wrote = new CountDownLatch(1);
        release = new CountDownLatch(1);
        double discarded = discarded();
        String id = queue().enqueue("test.writes", "{\"userId\":\"erased-while-running\"}");
        assertThat(wrote.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new JobFiles(dataDir).list(id)).hasSize(1);

        erase("erased-while-running", id);
        release.countDown();

        awaitDiscarded(discarded + 1);
        assertThat(resultRows(id)).isZero();
        assertThat(new JobFiles(dataDir).directory(id)).doesNotExist();
        assertThat(queue().find(id)).isEmpty();
    }

    @Test
    void aJobOfAnErasedOwnerIsNotRunAtAll() throws Exception {
        int runs = RUNS.get();
        double discarded = discarded();
        // Only the erasure record: as for a job a crashed replica held, which Redis hands out again.
        jdbi().useTransaction(h -> record(h, "erased-before"));
        String id = queue().enqueue("test.writes", "{\"userId\":\"erased-before\"}");

        awaitDiscarded(discarded + 1);
        assertThat(RUNS.get()).isEqualTo(runs);
        assertThat(resultRows(id)).isZero();
        assertThat(queue().find(id)).isEmpty();
    }

    /** What bharatvoice-app's erasure does that the worker can see: the record under the user's lock, the job purged, its files deleted. */
    private static void erase(String userId, String jobId) {
        jdbi().useTransaction(h -> {
            ErasedUsers.lockForErasure(h, userId);
            record(h, userId);
            queue().purge(List.of(jobId));
        });
        new JobFiles(dataDir).delete(jobId);
    }

    private static void record(org.jdbi.v3.core.Handle h, String userId) {
        h.createUpdate("INSERT INTO privacy_event (user_id, action, actor, at) VALUES (:u, 'erasure', 'self', now())").bind("u", userId)
                .execute();
    }

    private static void awaitDiscarded(double count) {
        Await.until(() -> discarded() >= count);
    }

    /** {@code bharatvoice_jobs_total{result="discarded"}} of the test's kind, 0 before the first. */
    private static double discarded() {
        String metric = "bharatvoice_jobs_total{kind=\"test.writes\",result=\"discarded\",service=\"bharatvoice-worker\"} ";
        return SERVICE.http().get("/metrics", null).raw().lines().filter(l -> l.startsWith(metric))
                .mapToDouble(l -> Double.parseDouble(l.substring(metric.length()))).findFirst().orElse(0);
    }

    private static int resultRows(String jobId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM job_result WHERE job_id = :id").bind("id", jobId)
                .mapTo(Integer.class).one());
    }

    private static Jdbi jdbi() {
        return SERVICE.runtime().context().database().jdbi();
    }

    private static JobQueue queue() {
        return new JobQueue(SERVICE.runtime().context().redis().client(), Clock.systemUTC());
    }
}
