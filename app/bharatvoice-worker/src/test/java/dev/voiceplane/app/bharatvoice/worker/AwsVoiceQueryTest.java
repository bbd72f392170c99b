package dev.voiceplane.app.bharatvoice.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.assistant.AssistantModule;
import dev.voiceplane.app.bharatvoice.assistant.VoiceAnswers;
import dev.voiceplane.app.bharatvoice.queue.JobStatus;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.speech.offline.OfflineVoice;
import dev.voiceplane.app.speechaws.AwsVoice;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.app.testkit.aws.AwsStandIn;
import dev.voiceplane.app.testkit.aws.PollyStandIn;
import dev.voiceplane.catalog.Env;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 14's second "done when": with the AWS stand-ins (S3, Transcribe, Polly on loopback, driven by
 * the real SDK clients), a Hindi recording gets a Devanagari transcript, a Hindi answer from the
 * assistant's knowledge base and Polly's audio of it; failures are reported by stage.
 */
class AwsVoiceQueryTest {

    static final String BUCKET = "bharatvoice-test-voice-media";
    static final Duration BOUND = Duration.ofMinutes(2);
    static final AwsStandIn AWS = AwsStandIn.start("ap-south-1").bucket(BUCKET);
    static final AwsVoice VOICE = AwsVoice.builder("ap-south-1", BUCKET).endpoint(AWS.endpoint()).pollInterval(Duration.ofMillis(5))
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "stand-in-secret"))).build();

    /** The data volume of this class alone (the default one is shared by every build on the machine). */
    @TempDir
    static Path dataDir;

    @RegisterExtension
    @Order(1)
    static final ServiceUnderTest APP = ServiceUnderTest.of("bharatvoice-app", AssistantModule::new)
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.VOICE_LANGUAGES, "en,hi");

    @RegisterExtension
    @Order(2)
    static final ServiceUnderTest WORKER = ServiceUnderTest.of("bharatvoice-worker",
                    () -> new WorkerModule(new Backoff(Duration.ofMillis(20)), Map.of(), Optional.of(VOICE)))
            .withDataDirectory(() -> dataDir)
            .withEnv(Env.DB_NAME, "bharatvoice_app_awsvoicequerytest")
            .withEnv(Env.VOICE_LANGUAGES, "en,hi")
            .withEnv(Env.JOB_MAX_ATTEMPTS, "3");

    final VoiceClient client = new VoiceClient(APP);

    @AfterAll
    static void stop() {
        VOICE.close();
        AWS.close();
    }

    private static int voiceAnswerRows(String userId) {
        return APP.runtime().context().database().jdbi().withHandle(h ->
                h.createQuery("SELECT count(*) FROM voice_answer WHERE user_id = :u").bind("u", userId).mapTo(Integer.class).one());
    }

    /** A recording: its bytes only need to be distinct, the stand-in is told what it says. */
    static byte[] recording(int seed, int seconds) {
        byte[] pcm = new byte[seconds * 32_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) ((i * seed) >> 3);
        }
        return Wav.of(pcm);
    }

    @Test
    void aHindiQuestionGetsAHindiAnswerSpokenByPolly() throws Exception {
        byte[] question = recording(3, 2);
        AWS.transcribe().hears(question, "hi-IN", "अभी क्या समय है");
        String meera = APP.token("meera", Role.USER);

        String jobId = client.upload(question, null, meera);
        JsonNode job = client.await(jobId, JobStatus.SUCCEEDED, meera, BOUND);

        JsonNode result = job.path("result");
        assertThat(result.path("transcript").asText()).isEqualTo("अभी क्या समय है");
        assertThat(result.path("language").asText()).isEqualTo("hi");
        assertThat(result.path("confidence").asDouble()).isGreaterThan(0.9);
        assertThat(result.path("topic").asText()).isEqualTo("time");
        String answer = result.path("answer").asText();
        assertThat(answer).startsWith("भारत में अभी").endsWith("IST बजे हैं।");
        assertThat(result.path("provider").asText()).isEqualTo("aws");

        List<PollyStandIn.Synthesis> spoken = AWS.polly().syntheses().stream().filter(s -> answer.contains(s.text())).toList();
        assertThat(spoken).isNotEmpty().allSatisfy(s -> {
            assertThat(s.voiceId()).isEqualTo("Kajal");
            assertThat(s.engine()).isEqualTo("neural");
            assertThat(s.languageCode()).isEqualTo("hi-IN");
            assertThat(s.format()).isEqualTo("pcm");
            assertThat(s.sampleRate()).isEqualTo(16_000);
        });
        HttpResponse<byte[]> audio = client.audio(job.path("audioUrl").asText(), meera);
        assertThat(audio.statusCode()).isEqualTo(200);
        int characters = spoken.stream().mapToInt(s -> s.text().length()).sum();
        assertThat(Wav.read(audio.body())).as("Polly's PCM, 60 ms a character at 16 kHz, in a WAV file").hasSize(characters * 60 * 32);
        // Nothing of the recording stays at AWS (deleted on the provider's cleanup thread, after the transcript was read).
        dev.voiceplane.app.testkit.Await.until(() -> AWS.s3().keys(BUCKET).isEmpty() && AWS.transcribe().jobs().isEmpty());
    }

    /** The voice answer is erased through the assistant's own erasure ({@code DELETE /api/users/{id}}), the one place that deletes it. */
    @Test
    void erasingTheUserRemovesTheirRecordingTheSpokenAnswerAndTheRows() throws Exception {
        byte[] question = recording(11, 1);
        AWS.transcribe().hears(question, "en-IN", "hello");
        String leela = APP.token("leela", Role.USER);
        String jobId = client.upload(question, "en", leela);
        JsonNode job = client.await(jobId, JobStatus.SUCCEEDED, leela, BOUND);
        Path audio = dataDir.resolve(job.path("result").path("audio").path("file").asText());
        Path upload = dataDir.resolve("uploads/" + job.path("result").path("uploadId").asText() + ".wav");
        assertThat(audio).exists();
        assertThat(upload).exists();
        assertThat(voiceAnswerRows("leela")).isEqualTo(1);

        TestResponse erased = APP.http().delete("/api/users/leela", leela);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().path("erased").path("voiceAnswers").asInt()).isEqualTo(1);
        assertThat(erased.json().path("erased").path("uploads").asInt()).isEqualTo(1);
        assertThat(audio).doesNotExist();
        assertThat(upload).doesNotExist();
        assertThat(voiceAnswerRows("leela")).isZero();
        assertThat(new VoiceAnswers(APP.runtime().context().database().jdbi(), dataDir).ofJob(jobId)).isEmpty();
    }

    @Test
    void pollyThrottledBeyondTheSdksRetriesIsRetriedByTheQueueAndCountedAtItsStage() throws Exception {
        byte[] question = recording(5, 1);
        AWS.transcribe().hears(question, "en-IN", "thank you");
        AWS.throttleNext("SynthesizeSpeech", 4); // the SDK's 3 attempts of the first job attempt, one of the second
        String dev = APP.token("dev", Role.USER);

        String jobId = client.upload(question, "en", dev);
        JsonNode job = client.await(jobId, JobStatus.SUCCEEDED, dev, BOUND);

        assertThat(job.path("attempts").asInt()).isEqualTo(2);
        assertThat(job.path("result").path("answer").asText()).isEqualTo("You are welcome!");
        assertThat(WORKER.http().get("/metrics", null).raw())
                .contains("bharatvoice_voice_failures_total{language=\"en\",service=\"bharatvoice-worker\",stage=\"synthesize\"} 1.0");
    }

    @Test
    void aRecordingTranscribeCannotDecodeIsDeadAtTheTranscribeStage() throws Exception {
        String kiran = APP.token("kiran", Role.USER);
        String jobId = client.upload(recording(7, 1), "hi", kiran);

        JsonNode job = client.await(jobId, JobStatus.DEAD, kiran, BOUND);

        assertThat(job.path("attempts").asInt()).isEqualTo(1);
        assertThat(job.path("failedStage").asText()).isEqualTo("transcribe");
        assertThat(job.path("lastError").asText()).contains("Failed to parse audio file");
        assertThat(client.audio("/api/jobs/" + jobId + "/audio", kiran).statusCode()).isEqualTo(404);
    }

    @Test
    void voiceLanguagesThatPollyCannotSpeakAreRefusedNamingThemAndWhy() {
        assertThatThrownBy(() -> VoiceProviders.requireSupported(VOICE, List.of("en", "hi", "ta", "kn")))
                .hasMessageContaining("VOICE_LANGUAGES lists [ta, kn]")
                .hasMessageContaining("ta: Amazon Polly has no voice for it")
                .hasMessageContaining("it serves [en, hi]");
        assertThatThrownBy(() -> VoiceProviders.requireSupported(OfflineVoice.shared(), List.of("en", "hi")))
                .hasMessageContaining("VOICE_LANGUAGES lists [hi], which the offline speech provider cannot serve by voice");
    }
}
