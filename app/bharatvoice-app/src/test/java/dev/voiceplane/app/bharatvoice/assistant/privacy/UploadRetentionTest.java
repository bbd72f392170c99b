package dev.voiceplane.app.bharatvoice.assistant.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and job results are kept {@code UPLOAD_RETENTION_DAYS}; the sweep runs here with a fixed clock. */
class UploadRetentionTest {

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Duration KEEP = Duration.ofDays(30);

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withEnv(Env.SUPPORTED_LANGUAGES, "en")
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.UPLOAD_RETENTION_DAYS, "30");

    @Test
    void theSweepDeletesUploadsAndResultsPastTheBoundWithTheirFilesAndJobsAndKeepsTheRest() throws Exception {
        JobQueue queue = new JobQueue(SERVICE.runtime().context().redis().client(), Clock.systemUTC());
        String oldJob = upload("old", NOW.minus(Duration.ofDays(31)));
        queue.enqueue(oldJob, "voice.transcribe", "{\"userId\":\"u1\"}");
        finished(oldJob, NOW.minus(Duration.ofDays(31)));
        answered("old", NOW.minus(Duration.ofDays(31)));
        String recentJob = upload("recent", NOW.minus(Duration.ofDays(29)));
        finished(recentJob, NOW.minus(Duration.ofDays(29)));
        answered("recent", NOW.minus(Duration.ofDays(29)));
        String oldAnswer = JobQueue.newId(); // a job without an upload, finished long ago
        finished(oldAnswer, NOW.minus(Duration.ofDays(40)));
        JobFiles jobs = new JobFiles(dataDir);

        Map<String, Integer> swept = sweepAt(NOW);

        assertThat(swept).containsEntry("uploads", 1).containsEntry("jobResults", 2).containsEntry("files", 4);
        assertThat(dataDir.resolve("uploads/old.wav")).doesNotExist();
        assertThat(dataDir.resolve("answers/old.wav")).as("the spoken answer goes with the question").doesNotExist();
        assertThat(count("SELECT count(*) FROM voice_answer WHERE upload_id = 'old'")).isZero();
        assertThat(jobs.directory(oldJob)).doesNotExist();
        assertThat(jobs.directory(oldAnswer)).doesNotExist();
        assertThat(queue.find(oldJob)).as("its Redis copy, result included, goes too").isEmpty();
        assertThat(dataDir.resolve("uploads/recent.wav")).exists();
        assertThat(jobs.list(recentJob)).hasSize(1);
        assertThat(count("SELECT count(*) FROM voice_upload")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM job_result")).isEqualTo(1);
        assertThat(dataDir.resolve("answers/recent.wav")).exists();
        assertThat(count("SELECT count(*) FROM voice_answer")).isEqualTo(1);

        assertThat(sweepAt(NOW)).as("a second sweep finds nothing").containsEntry("uploads", 0).containsEntry("jobResults", 0);
        assertThat(sweepAt(NOW.plus(Duration.ofDays(2)))).containsEntry("uploads", 1).containsEntry("jobResults", 1);
    }

    /** Files no row owns (an erasure that could not delete one, a crashed attempt) go once older than the grace. */
    @Test
    void filesWithoutAnOwnerGoOnlyAfterTheGrace() throws Exception {
        Path stale = write("uploads/stale-orphan.wav", NOW.minus(UploadRetention.ORPHAN_GRACE).minusSeconds(60));
        Path fresh = write("uploads/fresh-orphan.wav", NOW.minus(Duration.ofMinutes(5)));
        String crashedJob = JobQueue.newId();
        Path crashed = write("jobs/" + crashedJob + "/partial.wav", NOW.minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(crashed.getParent(), FileTime.from(NOW.minus(Duration.ofDays(1))));
        String owned = upload("owned-old-file", NOW.minus(Duration.ofDays(1)));
        Files.setLastModifiedTime(dataDir.resolve("uploads/owned-old-file.wav"), FileTime.from(NOW.minus(Duration.ofDays(1))));

        Map<String, Integer> swept = sweepAt(NOW);

        assertThat(swept).containsEntry("orphanFiles", 2);
        assertThat(stale).doesNotExist();
        assertThat(crashed).doesNotExist();
        assertThat(fresh).exists();
        assertThat(dataDir.resolve("uploads/owned-old-file.wav")).as("upload " + owned + " is recorded").exists();
    }

    @Test
    void onlyAnAdminRunsTheSweepOnDemandAndTheBoundMustBePositive() {
        assertThat(SERVICE.http().post("/api/admin/retention/sweep", Map.of(), SERVICE.token("u1", Role.USER)).status()).isEqualTo(403);
        assertThat(SERVICE.http().post("/api/admin/retention/sweep", Map.of(), SERVICE.token("ops", Role.ADMIN)).json().has("uploads"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UploadRetention(jdbi(), null, dataDir, Clock.systemUTC(), Duration.ZERO))
                .hasMessageContaining("positive");
    }

    private static Map<String, Integer> sweepAt(Instant now) {
        return new UploadRetention(jdbi(), new JobQueue(SERVICE.runtime().context().redis().client(), Clock.systemUTC()), dataDir,
                Clock.fixed(now, ZoneOffset.UTC), KEEP).sweep();
    }

    /** An upload row and its file, as the assistant records them; returns its job id. */
    private static String upload(String id, Instant at) throws Exception {
        String jobId = JobQueue.newId();
        write("uploads/" + id + ".wav", at);
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO voice_upload (id, user_id, path, bytes, content_type, language, job_id, created_at)
                        VALUES (:id, 'u1', :path, 4, 'audio/wav', 'hi', :job, :at)""")
                .bind("id", id).bind("path", "uploads/" + id + ".wav").bind("job", jobId).bind("at", at).execute());
        return jobId;
    }

    /** The spoken answer of upload {@code id}, as the worker stores it: its audio file and row. */
    private static void answered(String id, Instant at) throws Exception {
        write("answers/" + id + ".wav", at);
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO voice_answer (upload_id, user_id, transcript, language, confidence, topic, answer, audio_path,
                            audio_bytes, provider, created_at)
                        VALUES (:id, 'u1', 'hello', 'en', 0.9, 'greeting', 'Hello!', :audio, 4, 'offline', :at)""")
                .bind("id", id).bind("audio", "answers/" + id + ".wav").bind("at", at).execute());
    }

    /** A job outcome and one file it wrote, as the worker leaves them. */
    private static void finished(String jobId, Instant at) throws Exception {
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO job_result (job_id, user_id, kind, status, attempts, result, finished_at)
                        VALUES (:id, 'u1', 'voice.test', 'SUCCEEDED', 1, '{}', :at)""")
                .bind("id", jobId).bind("at", at).execute());
        write("jobs/" + jobId + "/result.json", at);
    }

    private static Path write(String relative, Instant modified) throws Exception {
        Path file = dataDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static int count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static Jdbi jdbi() {
        return SERVICE.runtime().context().database().jdbi();
    }
}
