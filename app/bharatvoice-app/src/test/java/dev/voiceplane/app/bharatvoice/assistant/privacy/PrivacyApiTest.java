package dev.voiceplane.app.bharatvoice.assistant.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: BharatVoice's own GDPR export and erasure, over HTTP against the embedded stores. */
class PrivacyApiTest {

    /** A data volume of this class alone: the system's shared test directory is used by other builds at the same time. */
    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withEnv(Env.SUPPORTED_LANGUAGES, "en,hi")
            .withDataDirectory(() -> dataDir);

    static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record User(String id, String token) {
    }

    @Test
    void anExportHoldsTheAccountQueriesUploadsAndJobsAndServesTheirFilesToTheOwnerOnly() throws Exception {
        User asha = register("asha@example.in");
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "Which number do I call in an emergency?"), asha.token()).status())
                .isEqualTo(200);
        byte[] audio = {'R', 'I', 'F', 'F', 1, 2, 3};
        JsonNode upload = upload(asha.token(), audio);
        String jobId = upload.path("jobId").asText();
        String transcript = workerFinished(jobId, asha.id(), "{\"transcript\":\"namaste\"}", "transcript.txt");

        TestResponse export = SERVICE.http().get("/api/users/" + asha.id() + "/export", asha.token());
        assertThat(export.status()).isEqualTo(200);
        JsonNode data = export.json();
        assertThat(data.path("account").path("email").asText()).isEqualTo("asha@example.in");
        assertThat(export.raw()).doesNotContain("$2").doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("tokenHash");
        assertThat(data.path("sessions")).hasSize(1);
        assertThat(data.path("queries").get(0).path("text").asText()).isEqualTo("Which number do I call in an emergency?");
        JsonNode exportedUpload = data.path("uploads").get(0);
        assertThat(exportedUpload.path("jobId").asText()).isEqualTo(jobId);
        JsonNode job = data.path("jobs").get(0);
        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("transcript").asText()).isEqualTo("namaste");
        assertThat(job.path("files").get(0).path("path").asText()).isEqualTo(transcript);

        HttpResponse<byte[]> audioBack = download(exportedUpload.path("download").asText(), asha.token());
        assertThat(audioBack.statusCode()).isEqualTo(200);
        assertThat(audioBack.body()).isEqualTo(audio);
        assertThat(audioBack.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(new String(download(job.path("files").get(0).path("download").asText(), asha.token()).body())).isEqualTo("namaste");

        User ravi = register("ravi@example.in");
        assertThat(SERVICE.http().get("/api/users/" + asha.id() + "/export", ravi.token()).status()).isEqualTo(403);
        assertThat(download(exportedUpload.path("download").asText(), ravi.token()).statusCode()).isEqualTo(403);
        // Ravi asking for Asha's file under his own id: not his, so not found.
        assertThat(download("/api/users/" + ravi.id() + "/files/" + exportedUpload.path("path").asText(), ravi.token()).statusCode())
                .isEqualTo(404);
        assertThat(download("/api/users/" + ravi.id() + "/files/uploads/..%2F..%2Fetc%2Fpasswd", ravi.token()).statusCode())
                .isEqualTo(404);
        assertThat(SERVICE.http().get("/api/users/" + asha.id() + "/export", SERVICE.token("ops", Role.ADMIN)).status()).isEqualTo(200);
        assertThat(actors(asha.id(), "export")).containsExactly("self", "ops");
    }

    @Test
    void anErasureRemovesEverythingHeldAndTheTokenStopsWorkingAtOnce() throws Exception {
        User meera = register("meera@example.in");
        SERVICE.http().post("/api/queries", Map.of("text", "hello"), meera.token());
        JsonNode upload = upload(meera.token(), new byte[2048]);
        String queuedJob = upload.path("jobId").asText();
        // A finished job of another kind, with no upload: found through its result's owner.
        String answerJob = JobQueue.newId();
        workerFinished(answerJob, meera.id(), "{\"answer\":\"ok\"}", "answer.wav");
        Path uploaded = dataDir.resolve(upload.path("file").asText("uploads/" + upload.path("uploadId").asText() + ".wav"));
        // The voice query's answer, as the worker stores it (issue 14): a row and its spoken audio.
        Path answerAudio = dataDir.resolve("answers/" + upload.path("uploadId").asText() + ".wav");
        Files.createDirectories(answerAudio.getParent());
        Files.write(answerAudio, new byte[] {9, 9});
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO voice_answer (upload_id, user_id, transcript, language, confidence, topic, answer, audio_path,
                            audio_bytes, provider, created_at)
                        VALUES (:id, :u, 'hello', 'en', 0.9, 'greeting', 'Hello!', :audio, 2, 'offline', now())""")
                .bind("id", upload.path("uploadId").asText()).bind("u", meera.id())
                .bind("audio", "answers/" + upload.path("uploadId").asText() + ".wav").execute());
        JsonNode exported = SERVICE.http().get("/api/users/" + meera.id() + "/export", meera.token()).json();
        assertThat(exported.path("voiceAnswers").get(0).path("transcript").asText()).isEqualTo("hello");
        assertThat(download(exported.path("voiceAnswers").get(0).path("download").asText(), meera.token()).body())
                .isEqualTo(new byte[] {9, 9});
        assertThat(uploaded).exists();
        assertThat(queue().find(queuedJob)).isPresent();

        TestResponse erased = SERVICE.http().delete("/api/users/" + meera.id(), meera.token());
        assertThat(erased.status()).isEqualTo(200);
        JsonNode counts = erased.json().path("erased");
        assertThat(counts.path("account").asInt()).isEqualTo(1);
        assertThat(counts.path("sessions").asInt()).isEqualTo(1);
        assertThat(counts.path("queries").asInt()).isEqualTo(1);
        assertThat(counts.path("uploads").asInt()).isEqualTo(1);
        assertThat(counts.path("jobResults").asInt()).isEqualTo(1);
        assertThat(counts.path("queuedJobs").asInt()).isEqualTo(1);
        assertThat(counts.path("voiceAnswers").asInt()).isEqualTo(1);
        assertThat(counts.path("files").asInt()).isEqualTo(3);

        assertThat(SERVICE.http().get("/api/queries", meera.token()).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/auth/login", Map.of("email", "meera@example.in", "password", PASSWORD), null).status())
                .isEqualTo(401);
        assertThat(uploaded).doesNotExist();
        assertThat(answerAudio).doesNotExist();
        assertThat(new JobFiles(dataDir).directory(answerJob)).doesNotExist();
        assertThat(queue().find(queuedJob)).isEmpty();
        assertThat(SERVICE.runtime().context().redis().client().lrange("bharatvoice:jobs:ready", 0, -1)).doesNotContain(queuedJob);
        for (String table : new String[] {"query_log", "voice_upload", "job_result", "voice_answer"}) {
            assertThat(rowsOf(table, meera.id())).as(table).isZero();
        }

        // Again, by an admin: nothing left, and the record still names who erased.
        TestResponse again = SERVICE.http().delete("/api/users/" + meera.id(), SERVICE.token("ops", Role.ADMIN));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("erased").path("files").asInt()).isZero();
        assertThat(actors(meera.id(), "erasure")).containsExactly("self");
    }

    @Test
    void aUserMayNotEraseSomeoneElse() {
        User kiran = register("kiran@example.in");
        User dev = register("dev@example.in");
        assertThat(SERVICE.http().delete("/api/users/" + kiran.id(), dev.token()).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/api/queries", kiran.token()).status()).isEqualTo(200);
    }

    /** A request that was already past authentication when its user was erased writes nothing (its token is revoked for the next one). */
    @Test
    void aWriteInFlightWhenItsUserWasErasedLeavesNoRowAndNoFile() throws Exception {
        String late = "late-user";
        assertThat(SERVICE.http().delete("/api/users/" + late, SERVICE.token("ops", Role.ADMIN)).status()).isEqualTo(200);
        // Issued after the revocation: stands for a request that authenticated just before it.
        String inFlight = SERVICE.token(late, Role.USER);
        long before = filesUnder("uploads");

        HttpResponse<String> upload = uploadRaw(inFlight, new byte[512]);
        assertThat(upload.statusCode()).isEqualTo(401);
        assertThat(upload.body()).contains("erased");
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "hello"), inFlight).status()).isEqualTo(401);
        assertThat(filesUnder("uploads")).isEqualTo(before);
        assertThat(rowsOf("voice_upload", late)).isZero();
    }

    private static User register(String email) {
        TestResponse account = SERVICE.http().post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "preferredLanguage", "hi"), null);
        assertThat(account.status()).isEqualTo(201);
        TestResponse tokens = SERVICE.http().post("/api/auth/login", Map.of("email", email, "password", PASSWORD), null);
        return new User(account.text("userId"), tokens.text("accessToken"));
    }

    /** What the worker leaves for a finished job: its outcome, owned by {@code userId}, and a file in its directory. */
    private static String workerFinished(String jobId, String userId, String result, String fileName) throws Exception {
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO job_result (job_id, user_id, kind, status, attempts, result, finished_at)
                        VALUES (:id, :u, 'voice.test', 'SUCCEEDED', 1, :r, now())""")
                .bind("id", jobId).bind("u", userId).bind("r", result).execute());
        Path directory = new JobFiles(dataDir).directory(jobId);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(fileName), Json.mapper().readTree(result).elements().next().asText());
        return JobFiles.DIRECTORY + "/" + jobId + "/" + fileName;
    }

    private static JsonNode upload(String token, byte[] audio) throws Exception {
        HttpResponse<String> response = uploadRaw(token, audio);
        assertThat(response.statusCode()).isEqualTo(202);
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> uploadRaw(String token, byte[] audio) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE.baseUrl() + "/api/voice/uploads?language=en"))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE.baseUrl() + path)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long filesUnder(String directory) throws Exception {
        try (var files = Files.list(dataDir.resolve(directory))) {
            return files.count();
        }
    }

    private static java.util.List<String> actors(String userId, String action) {
        return jdbi().withHandle(h -> h.createQuery("SELECT actor FROM privacy_event WHERE user_id = :u AND action = :a ORDER BY id")
                .bind("u", userId).bind("a", action).mapTo(String.class).list());
    }

    private static int rowsOf(String table, String userId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE user_id = :u").bind("u", userId)
                .mapTo(Integer.class).one());
    }

    static Jdbi jdbi() {
        return SERVICE.runtime().context().database().jdbi();
    }

    static JobQueue queue() {
        return new JobQueue(SERVICE.runtime().context().redis().client(), Clock.systemUTC());
    }
}
