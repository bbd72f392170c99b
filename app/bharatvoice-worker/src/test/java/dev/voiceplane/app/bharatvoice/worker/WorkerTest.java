package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.queue.Job;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.bharatvoice.queue.JobStatus;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

class WorkerTest {

    static volatile CountDownLatch slowEntered = new CountDownLatch(1);
    static volatile CountDownLatch slowRelease = new CountDownLatch(1);

    static final Map<String, JobHandler> TEST_HANDLERS = Map.of(
            "test.fail", payload -> {
                throw new IllegalStateException("always fails");
            },
            "test.slow", payload -> {
                slowEntered.countDown();
                slowRelease.await(60, TimeUnit.SECONDS);
                return "{\"slow\":\"done\"}";
            });

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-worker",
                    () -> new WorkerModule(new Backoff(Duration.ofMillis(20)), TEST_HANDLERS))
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.JOB_MAX_ATTEMPTS, "3")
            .withEnv(Env.WORKER_CONCURRENCY, "2");

    private static JedisPooled redis;
    private static JobQueue queue;

    private static JobQueue queue() {
        if (queue == null) {
            redis = SERVICE.stores().redisClient();
            queue = new JobQueue(redis, Clock.systemUTC());
        }
        return queue;
    }

    @AfterAll
    static void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aRecordingWithNoWordsInItFailsAtTranscribeForGoodAndSaysSo() throws Exception {
        Files.createDirectories(dataDir.resolve("uploads"));
        String upload = java.util.UUID.randomUUID().toString();
        Files.write(dataDir.resolve("uploads/" + upload + ".wav"), wav(16_000, 32_000)); // a second of silence

        String id = queue().enqueue("voice.transcribe", "{\"uploadId\":\"" + upload + "\",\"userId\":\"u-1\",\"file\":\"uploads/"
                + upload + ".wav\",\"language\":\"en\"}");

        Job done = awaitStatus(id, JobStatus.DEAD);
        assertThat(done.attempts()).as("a refusal is not retried").isEqualTo(1);
        assertThat(done.lastError()).contains("transcribe failed: no words were recognised");
        assertThat(storedStatus(id)).isEqualTo("DEAD 1");
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .contains("bharatvoice_voice_failures_total{language=\"en\",service=\"bharatvoice-worker\",stage=\"transcribe\"} 1.0")
                .contains("bharatvoice_voice_stage_seconds_count{language=\"en\",service=\"bharatvoice-worker\",stage=\"verify\"} 1");
    }

    @Test
    void aVoiceJobWithoutItsOwnerOrInAnotherLanguageIsDeadLetteredAtOnce() throws Exception {
        String orphan = queue().enqueue("voice.transcribe", "{\"uploadId\":\"u1\",\"file\":\"uploads/u1.wav\"}");
        assertThat(awaitStatus(orphan, JobStatus.DEAD).lastError()).contains("must name the upload (uploadId) and its owner (userId)");

        Files.createDirectories(dataDir.resolve("uploads"));
        String upload = java.util.UUID.randomUUID().toString();
        Files.write(dataDir.resolve("uploads/" + upload + ".wav"), wav(16_000, 3_200));
        String hindi = queue().enqueue("voice.transcribe", "{\"uploadId\":\"" + upload + "\",\"userId\":\"u-2\",\"file\":\"uploads/"
                + upload + ".wav\",\"language\":\"hi\"}");
        Job dead = awaitStatus(hindi, JobStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("transcribe failed: 'hi' is not a voice language here; VOICE_LANGUAGES is [en]");
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenDeadLettered() throws Exception {
        String id = queue().enqueue("test.fail", "{}");

        Job dead = awaitStatus(id, JobStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("always fails");
        assertThat(queue().dead(100)).contains(id);
        assertThat(storedStatus(id)).isEqualTo("DEAD 3");
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("bharatvoice_jobs_total{kind=\"test.fail\",result=\"retried\"")
                .contains("bharatvoice_queue_depth{queue=\"dead\"");
    }

    @Test
    void aJobOfUnknownKindIsDeadLetteredAtOnce() throws Exception {
        String id = queue().enqueue("no.such.kind", "{}");
        assertThat(awaitStatus(id, JobStatus.DEAD).attempts()).isEqualTo(1);
    }

    @Test
    void aJobQueuedWhileTheWorkerIsDownRunsAfterItStarts() throws Exception {
        SERVICE.stop();
        String id;
        String ok;
        try {
            id = queue().enqueue("voice.transcribe", "{\"uploadId\":\"00000000-0000-4000-8000-000000000000\",\"userId\":\"u-3\","
                    + "\"file\":\"uploads/missing.wav\"}");
            ok = queue().enqueue("test.slow", "{}");
            slowRelease.countDown();
        } finally {
            SERVICE.start();
        }

        awaitStatus(ok, JobStatus.SUCCEEDED);
        assertThat(awaitStatus(id, JobStatus.DEAD).lastError()).contains("verify failed:").contains("upload not found");
        assertThat(SERVICE.http().get("/metrics", null).raw())
                .contains("bharatvoice_voice_failures_total{language=\"auto\",service=\"bharatvoice-worker\",stage=\"verify\"} 3.0")
                .containsPattern("voice_processing_failures_total\\{service=\"bharatvoice-worker\",stage=\"voice.transcribe\"} [3-9]\\.0");
        slowRelease = new CountDownLatch(1);
    }

    @Test
    void shutdownFinishesTheJobInHand() throws Exception {
        slowEntered = new CountDownLatch(1);
        slowRelease = new CountDownLatch(1);
        String id = queue().enqueue("test.slow", "{}");
        assertThat(slowEntered.await(60, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(SERVICE::stop);
        try {
            // Gives a wrong stop time to finish; a slow machine can only make this pass, never fail it falsely.
            stopping.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("shutdown did not wait for the job in hand");
        } catch (TimeoutException expected) {
            // draining
        }
        slowRelease.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        assertThat(queue().find(id).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        SERVICE.start();
    }

    @Test
    void theJobsOfAReplicaThatDiedAreRecovered() throws Exception {
        slowRelease.countDown();
        SERVICE.stop();
        String id;
        try {
            id = queue().enqueue("test.slow", "{}");
            Job claimed = queue().claim("crashed-replica", Duration.ofSeconds(10)).orElseThrow(); // taken, then the replica "died"
            assertThat(claimed.id()).isEqualTo(id);
        } finally {
            SERVICE.start();
        }

        awaitStatus(id, JobStatus.SUCCEEDED);
        assertThat(queue().processing("crashed-replica")).isEmpty();
    }

    @Test
    void onlyHealthAndMetricsAreServed() {
        assertThat(SERVICE.http().get("/health/ready", null).status()).isEqualTo(200);
        assertThat(SERVICE.http().get("/metrics", null).status()).isEqualTo(200);
        assertThat(SERVICE.http().get("/api/jobs", SERVICE.token("admin", Role.ADMIN)).status()).isEqualTo(404);
    }

    private static Job awaitStatus(String id, JobStatus status) throws InterruptedException {
        Await.until(() -> queue().find(id).map(j -> j.status() == status).orElse(false));
        return queue().find(id).orElseThrow();
    }

    private static String storedStatus(String id) throws Exception {
        Map<String, String> env = SERVICE.environment();
        String url = "jdbc:postgresql://127.0.0.1:" + env.get(Env.DB_PORT) + "/" + env.get(Env.DB_NAME);
        try (Connection connection = DriverManager.getConnection(url, env.get(Env.DB_USERNAME), env.get(Env.DB_PASSWORD));
                ResultSet rs = connection.createStatement().executeQuery("SELECT status, attempts FROM job_result WHERE job_id = '" + id + "'")) {
            return rs.next() ? rs.getString(1) + " " + rs.getInt(2) : "none";
        }
    }


    /** A mono 16-bit PCM WAV file with {@code dataBytes} of silence. */
    static byte[] wav(int sampleRate, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }
}
