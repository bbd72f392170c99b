package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.bharatvoice.queue.JobStatus;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.speech.offline.OfflineSpeech;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's first "done when", with no cloud at all: an English question spoken by FreeTTS is
 * uploaded to the assistant, the worker transcribes it with Sphinx4, answers it and speaks the
 * answer with FreeTTS; the owner fetches the audio and Sphinx4 hears the answer's key words in it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineVoiceQueryTest {

    /** A job and a decode, the models loaded: generous for a loaded 2-core machine. */
    static final Duration BOUND = Duration.ofMinutes(4);

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    @Order(1)
    static final ServiceUnderTest APP = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withDataDirectory(() -> dataDir);

    /** The worker on the assistant's database, as both Deployments share the system's (DB_NAME). */
    @RegisterExtension
    @Order(2)
    static final ServiceUnderTest WORKER = ServiceUnderTest.of("bharatvoice-worker", WorkerModule::new)
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.DB_NAME, "bharatvoice_app_offlinevoicequerytest");

    final VoiceClient client = new VoiceClient(APP);

    /** The worker started loading the Sphinx4 models; waiting for them (unbounded) keeps loading out of every bound below. */
    @BeforeAll
    static void modelsLoaded() {
        OfflineSpeech.warmUp().join();
    }

    static byte[] spoken(String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        OfflineSpeech.textToSpeech().speak(text, SpeechFormat.PCM_16K, (audio, offset, length) -> {
            pcm.write(audio, offset, length);
            return true;
        }, BOUND);
        return pcm.toByteArray();
    }

    static String heard(byte[] pcm) {
        SpeechToText.Recognition recognition = OfflineSpeech.speechToText().start(words -> { });
        for (int at = 0; at < pcm.length; at += 3_200) {
            recognition.accept(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3_200)));
        }
        return recognition.finish(BOUND).toLowerCase(Locale.ROOT);
    }

    @Test
    @Order(1)
    void anEnglishQuestionSpokenByFreeTtsIsAnsweredAloudAndTheAnswerIsHeardBack() throws Exception {
        String asha = APP.token("asha", Role.USER);
        String jobId = client.upload(Wav.of(spoken("Help, there is a fire! Call the police.")), null, asha);

        JsonNode job = client.await(jobId, JobStatus.SUCCEEDED, asha, BOUND);

        JsonNode result = job.path("result");
        assertThat(result.path("transcript").asText()).containsAnyOf("fire", "police");
        assertThat(result.path("language").asText()).isEqualTo("en");
        assertThat(result.path("topic").asText()).isEqualTo("emergency");
        assertThat(result.path("answer").asText()).isEqualTo("In India, dial 112 for any emergency: police, fire or ambulance.");
        assertThat(result.path("provider").asText()).isEqualTo("offline");
        assertThat(result.path("size").asText()).isEqualTo("simple");
        assertThat(job.path("audioUrl").asText()).isEqualTo("/api/jobs/" + jobId + "/audio");
        assertThat(job.path("failedStage").isNull()).isTrue();

        HttpResponse<byte[]> audio = client.audio(job.path("audioUrl").asText(), asha);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
        String answerHeard = heard(Wav.read(audio.body()));
        // Sphinx4 on FreeTTS is development quality: most of the answer's key words, not all of them.
        List<String> keyWords = List.of("india", "emergency", "police", "fire", "ambulance");
        assertThat(keyWords.stream().filter(answerHeard::contains).count()).as("key words heard in '%s'", answerHeard).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void onlyTheUserWhoAskedMayFetchTheSpokenAnswer() throws Exception {
        String ravi = APP.token("ravi", Role.USER);
        String jobId = client.upload(Wav.of(spoken("Thank you.")), "en", ravi);
        JsonNode job = client.await(jobId, JobStatus.SUCCEEDED, ravi, BOUND);
        String audio = job.path("audioUrl").asText();

        assertThat(client.audio(audio, APP.token("someone-else", Role.USER)).statusCode()).isEqualTo(403);
        assertThat(client.audio(audio, APP.token("ops", Role.ADMIN)).statusCode()).isEqualTo(403);
        assertThat(client.audio(audio, ravi).statusCode()).isEqualTo(200);
        assertThat(client.audio("/api/jobs/00000000-0000-4000-8000-000000000000/audio", ravi).statusCode()).isEqualTo(404);
    }
}
