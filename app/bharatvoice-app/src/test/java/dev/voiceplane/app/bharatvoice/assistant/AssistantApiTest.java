package dev.voiceplane.app.bharatvoice.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.runtime.ServiceLauncher;
import dev.voiceplane.app.testkit.ChunkedUpload;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssistantApiTest {

    /** Every language but Punjabi, to see an unsupported one refused. */
    static final String LANGUAGES = "en,hi,mr,ta,te,bn,gu,kn,ml";

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.SUPPORTED_LANGUAGES, LANGUAGES)
            // Voice in English and Hindi, as on AWS; the rest of LANGUAGES is text only.
            .withEnv(Env.VOICE_LANGUAGES, "en,hi");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String user(String id) {
        return SERVICE.token(id, Role.USER);
    }

    private static TestResponse ask(String text) {
        return SERVICE.http().post("/api/queries", Map.of("text", text), user("asha"));
    }

    @Test
    void anEnglishQuestionIsAnsweredInEnglish() {
        TestResponse answer = ask("Which number do I call in an emergency?");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("language")).isEqualTo("en");
        assertThat(answer.text("topic")).isEqualTo("emergency");
        assertThat(answer.text("answer")).contains("112");
    }

    @Test
    void hindiMarathiAndTamilQuestionsAreAnsweredInTheirLanguage() {
        TestResponse hindi = ask("मुझे पुलिस चाहिए, क्या करूँ?");
        assertThat(hindi.text("language")).isEqualTo("hi");
        assertThat(hindi.text("script")).isEqualTo("Devanagari");
        assertThat(hindi.text("answer")).contains("112").contains("डायल");

        TestResponse marathi = ask("आज हवामान कसे आहे?");
        assertThat(marathi.text("language")).isEqualTo("mr");
        assertThat(marathi.text("topic")).isEqualTo("weather");

        TestResponse tamil = ask("வணக்கம்");
        assertThat(tamil.text("language")).isEqualTo("ta");
        assertThat(tamil.text("answer")).startsWith("வணக்கம்");
    }

    @ParameterizedTest
    @CsvSource({"hello there, en, Latin", "నమస్కారం, te, Telugu", "নমস্কার, bn, Bengali", "નમસ્તે, gu, Gujarati",
            "ನಮಸ್ಕಾರ, kn, Kannada", "നമസ്കാരം, ml, Malayalam", "ਸਤ ਸ੍ਰੀ ਅਕਾਲ, pa, Gurmukhi", "नमस्ते आप कैसे हैं, hi, Devanagari"})
    void theScriptGivesTheLanguage(String text, String language, String script) {
        TestResponse detected = SERVICE.http().post("/api/languages/detect", Map.of("text", text), user("asha"));
        assertThat(detected.text("language")).isEqualTo(language);
        assertThat(detected.text("script")).isEqualTo(script);
    }

    @Test
    void aLanguageThisDeploymentDoesNotServeIsRefused() {
        TestResponse punjabi = ask("ਸਤ ਸ੍ਰੀ ਅਕਾਲ");
        assertThat(punjabi.status()).isEqualTo(422);
        assertThat(punjabi.text("message")).contains("'pa'").contains("SUPPORTED_LANGUAGES");
        assertThat(SERVICE.http().get("/api/languages", user("asha")).json().path("supported")).hasSize(9);
    }

    @Test
    void callsWithoutAValidTokenOrUserRoleAreRefused() {
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "hi"), null).status()).isEqualTo(401);
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "hi"), SERVICE.token("svc", Role.SERVICE)).status()).isEqualTo(403);
        assertThat(SERVICE.http().get("/health/live", null).status()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", " "), user("asha")).text("message"))
                .isEqualTo("field 'text' is required");
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "hi", "language", "hindi"), user("asha")).text("message"))
                .contains("field 'language' must be an ISO 639-1 code");
        assertThat(SERVICE.http().post("/api/queries", "{\"text\":\"hi\",\"lang\":\"en\"}", user("asha")).text("message"))
                .contains("unknown field 'lang'");
    }

    @Test
    void aVoiceUploadIsStreamedToDataDirQueuedAndSurvivesARestart() throws Exception {
        byte[] audio = new byte[3 * 1024 * 1024]; // beyond Javalin's 1 MB in-memory body limit: the upload streams
        HttpResponse<String> response = upload("audio/wav", audio, user("ravi"));
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = Json.mapper().readTree(response.body());
        String jobId = body.path("jobId").asText();
        assertThat(body.path("bytes").asLong()).isEqualTo(audio.length);
        Path stored = dataDir.resolve("uploads").resolve(body.path("uploadId").asText() + ".wav");
        assertThat(Files.size(stored)).isEqualTo(audio.length);

        SERVICE.restart();

        TestResponse job = SERVICE.http().get("/api/jobs/" + jobId, user("ravi"));
        assertThat(job.text("status")).isEqualTo("QUEUED");
        assertThat(job.text("kind")).isEqualTo("voice.transcribe");
        assertThat(SERVICE.http().get("/api/jobs/" + jobId, user("someone-else")).status()).isEqualTo(403);
    }

    @Test
    void anAcknowledgedUploadWhoseJobRedisLostIsEnqueuedAgainBySweep() throws Exception {
        HttpResponse<String> response = upload("audio/wav", new byte[1024], user("meera"));
        assertThat(response.statusCode()).isEqualTo(202);
        String jobId = Json.mapper().readTree(response.body()).path("jobId").asText();
        // Redis restarts without its data: the job and its queue entry are gone.
        SERVICE.stores().flushRedis();
        assertThat(SERVICE.http().get("/api/jobs/" + jobId, user("meera")).status()).isEqualTo(404);

        TestResponse sweep = SERVICE.http().post("/api/admin/jobs/reconcile", Map.of(), SERVICE.token("ops", Role.ADMIN));
        assertThat(sweep.json().path("requeued").asInt()).isPositive();
        TestResponse job = SERVICE.http().get("/api/jobs/" + jobId, user("meera"));
        assertThat(job.text("status")).isEqualTo("QUEUED");
        assertThat(job.text("kind")).isEqualTo("voice.transcribe");
        // A second sweep finds the job in Redis and leaves it alone: it is queued once.
        SERVICE.http().post("/api/admin/jobs/reconcile", Map.of(), SERVICE.token("ops", Role.ADMIN));
        assertThat(SERVICE.runtime().context().redis().client().lrange("bharatvoice:jobs:ready", 0, -1)).containsOnlyOnce(jobId);
    }

    @Test
    void anEmergencyWinsOverHelpThroughTheApi() {
        TestResponse english = ask("Help! There is a fire, emergency");
        assertThat(english.text("topic")).isEqualTo("emergency");
        assertThat(english.text("answer")).contains("112");
        TestResponse hindi = ask("मदद! आग लगी है, आपातकाल");
        assertThat(hindi.text("topic")).isEqualTo("emergency");
        assertThat(hindi.text("answer")).contains("112");
    }

    @Test
    void aChunkedJsonBodyIsHeldToOneMegabyteButUploadsStream() throws Exception {
        ChunkedUpload.Result result = ChunkedUpload.post(SERVICE.runtime().port(), "/api/queries", user("asha"), 2L * 1024 * 1024);
        assertThat(result.statusLine()).startsWith("HTTP/1.1 413");
    }

    @Test
    void uploadsMustBeAudioAndAtMost50Megabytes() throws Exception {
        HttpResponse<String> text = upload("text/plain", new byte[10], user("ravi"));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("audio/wav");

        HttpResponse<String> empty = upload("audio/ogg", new byte[0], user("ravi"));
        assertThat(empty.statusCode()).isEqualTo(400);

        HttpResponse<String> large = upload("audio/ogg", new byte[(int) VoiceUploads.MAX_BYTES + 1], user("ravi"));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("50 MB");
    }

    @Test
    void anUploadInATextOnlyLanguageIsRefusedNamingTheVoiceLanguages() throws Exception {
        HttpResponse<String> tamil = HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE.baseUrl() + "/api/voice/uploads?language=ta"))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + user("kavya"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tamil.statusCode()).isEqualTo(422);
        assertThat(tamil.body()).contains("answered in text only").contains("[en, hi]");
        assertThat(SERVICE.http().post("/api/queries", Map.of("text", "வணக்கம்"), user("kavya")).text("language")).isEqualTo("ta");
    }

    @Test
    void aVoiceLanguageThatIsNoTextLanguageFailsTheStart() {
        Map<String, String> environment = new HashMap<>(SERVICE.environment());
        environment.put(Env.SUPPORTED_LANGUAGES, "en,ta");
        environment.put(Env.VOICE_LANGUAGES, "en,hi");
        environment.put(Env.PORT, "0");
        assertThat(ServiceLauncher.run(ServiceCatalog.get("bharatvoice-app"), new String[0], environment, AssistantModule::new))
                .isEqualTo(ServiceLauncher.EXIT_BAD_CONFIGURATION);
        assertThatThrownBy(() -> AssistantModule.voiceLanguages("en,hi", java.util.List.of("en", "ta")))
                .hasMessageContaining("VOICE_LANGUAGES='en,hi' lists [hi], which SUPPORTED_LANGUAGES [en, ta] does not");
    }

    @Test
    void migrateIsTheInitContainersStepAndBadLanguagesFailTheStart() {
        assertThat(ServiceLauncher.run(ServiceCatalog.get("bharatvoice-app"), new String[] {"migrate"}, SERVICE.environment(),
                AssistantModule::new)).isEqualTo(ServiceLauncher.EXIT_OK);
        Map<String, String> environment = new HashMap<>(SERVICE.environment());
        environment.put(Env.SUPPORTED_LANGUAGES, "en,xx");
        environment.put(Env.PORT, "0");
        assertThat(ServiceLauncher.run(ServiceCatalog.get("bharatvoice-app"), new String[0], environment, AssistantModule::new))
                .isEqualTo(ServiceLauncher.EXIT_BAD_CONFIGURATION);
    }

    private static HttpResponse<String> upload(String contentType, byte[] body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE.baseUrl() + "/api/voice/uploads?language=hi"))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
