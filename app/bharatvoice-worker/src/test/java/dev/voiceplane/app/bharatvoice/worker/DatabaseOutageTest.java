package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.queue.Job;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.EmbeddedStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Issue 10: an acknowledged job is not lost to a PostgreSQL outage. A try that failed because the
 * database did not answer is not the job's fault: it must not use up the job's attempts (after
 * which the worker could not even record the job as dead, and left it in its processing list for
 * good), but come back after a pause, however long the outage.
 */
class DatabaseOutageTest {

    static final int MAX_ATTEMPTS = 3;

    @Test
    void triesAgainstAStoppedDatabaseDoNotUseUpTheJobsAttempts(@TempDir Path dataDir) throws Exception {
        EmbeddedStores stores = EmbeddedStores.shared();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", stores.redisPort())) {
            JobQueue queue = new JobQueue(redis, Clock.systemUTC());
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Jdbi stopped = Jdbi.create("jdbc:postgresql://127.0.0.1:" + closedPort() + "/bharatvoice", "postgres", "local");
            JobWorker worker = new JobWorker(queue, new JobResults(stopped, Clock.systemUTC()), new JobFiles(dataDir),
                    Map.of("voice.outage-test", payload -> "{}"), 1, MAX_ATTEMPTS, new Backoff(Duration.ofMillis(20)), Clock.systemUTC(), metrics);
            String id = queue.enqueue("voice.outage-test", "{\"userId\":\"u-outage\"}");
            worker.start();
            try {
                // Twice as many tries as the job has attempts, all against the stopped database.
                Await.until(() -> metrics.counter("voice_processing_failures", "stage", "voice.outage-test").count() >= 2 * MAX_ATTEMPTS,
                        Duration.ofSeconds(120));
            } finally {
                worker.stop(Duration.ofSeconds(30));
            }
            Job job = queue.find(id).orElseThrow();
            assertThat(job.attempts()).isLessThan(MAX_ATTEMPTS);
            assertThat(queue.processing(worker.consumer())).doesNotContain(id);
            assertThat(job.lastError()).contains("PostgreSQL");
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
