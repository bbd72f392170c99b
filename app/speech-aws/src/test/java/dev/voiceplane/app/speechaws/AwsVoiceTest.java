package dev.voiceplane.app.speechaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.voiceplane.app.speech.Pcm;
import dev.voiceplane.app.speech.Recording;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechRefusedException;
import dev.voiceplane.app.speech.Transcript;
import dev.voiceplane.app.speech.Wav;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.aws.AwsStandIn;
import dev.voiceplane.app.testkit.aws.PollyStandIn;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real SDK clients (Transcribe, Polly, S3) against the wire-format stand-ins in app-testkit. */
class AwsVoiceTest {

    static final String REGION = "ap-south-1";
    static final String BUCKET = "bharatvoice-voice-media";
    static final String HINDI = "भारत में अभी समय क्या है";
    static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    AwsStandIn aws;
    AwsVoice voice;

    @BeforeEach
    void start() {
        aws = AwsStandIn.start(REGION).bucket(BUCKET);
        voice = provider(REGION);
    }

    @AfterEach
    void stop() {
        voice.close();
        aws.close();
    }

    AwsVoice provider(String region) {
        return AwsVoice.builder(region, BUCKET).endpoint(aws.endpoint()).pollInterval(Duration.ofMillis(5))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "stand-in-secret")))
                .build();
    }

    Recording recording(String id, byte[] bytes, String format) throws Exception {
        Path file = dir.resolve(id + "." + format);
        Files.write(file, bytes);
        return new Recording(id, file, format);
    }

    static byte[] speech(int seed) {
        byte[] pcm = new byte[16_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * seed);
        }
        return Wav.of(pcm);
    }

    /** What a job left at AWS is deleted after it, on the provider's cleanup thread. */
    void cleanedUp() {
        Await.until(() -> aws.s3().keys(BUCKET).isEmpty() && aws.transcribe().jobs().isEmpty());
    }

    @Test
    void aHindiRecordingIsIdentifiedAmongTheCandidatesAndNothingOfItStaysAtAws() throws Exception {
        byte[] wav = speech(3);
        aws.transcribe().hears(wav, "hi-IN", HINDI).pollsBeforeDone(3);

        Transcript transcript = voice.transcriber().transcribe(recording("upload-1", wav, "wav"), List.of("en", "hi"), GENEROUS);

        assertThat(transcript.text()).isEqualTo(HINDI);
        assertThat(transcript.language()).isEqualTo("hi");
        assertThat(transcript.confidence()).isCloseTo(0.9783, org.assertj.core.data.Offset.offset(1e-6)); // a Float on the wire
        assertThat(aws.calls("GetTranscriptionJob")).isEqualTo(4); // three IN_PROGRESS, then COMPLETED
        cleanedUp(); // media, transcript and job, off the caller's path
        assertThat(aws.calls("DeleteTranscriptionJob")).isEqualTo(1);
        assertThat(aws.refused()).isEmpty();
    }

    @Test
    void oneCandidateLanguageIsGivenToTranscribeInsteadOfIdentified() throws Exception {
        byte[] wav = speech(5);
        aws.transcribe().hears(wav, "en-IN", "what time is it");
        // Keep the job so the request it was started with can be read: its deletion fails once, quietly.
        aws.failNext("DeleteTranscriptionJob", 1, 400, "BadRequestException", "kept for the test");

        Transcript transcript = voice.transcriber().transcribe(recording("upload-2", wav, "wav"), List.of("en"), GENEROUS);

        assertThat(transcript).isEqualTo(new Transcript("what time is it", "en", 1.0));
        Await.until(() -> aws.calls("DeleteTranscriptionJob") == 1 && aws.s3().keys(BUCKET).isEmpty());
        String job = aws.transcribe().jobs().iterator().next();
        var request = aws.transcribe().startRequest(job).orElseThrow();
        assertThat(request.path("LanguageCode").asText()).isEqualTo("en-IN");
        assertThat(request.has("IdentifyLanguage")).isFalse();
        assertThat(request.path("MediaFormat").asText()).isEqualTo("wav");
        assertThat(request.path("Media").path("MediaFileUri").asText()).startsWith("s3://" + BUCKET + "/voice/media/");
        assertThat(request.path("OutputBucketName").asText()).isEqualTo(BUCKET);
    }

    @Test
    void mediaTranscribeCannotDecodeFailsTheJobForGoodWithItsReason() throws Exception {
        assertThatThrownBy(() -> voice.transcriber().transcribe(recording("noise", speech(7), "wav"), List.of("en", "hi"), GENEROUS))
                .isInstanceOf(SpeechRefusedException.class)
                .hasMessageContaining("could not transcribe recording noise")
                .hasMessageContaining("Failed to parse audio file");
        cleanedUp();
    }

    @Test
    void jobsAndMediaAreNamedUnderTheGivenPrefixesWhichAnIamPolicyCanPin() throws Exception {
        byte[] wav = speech(6);
        aws.transcribe().hears(wav, "en-IN", "hello");
        // Keep the job so its name and request can be read: its deletion fails once, quietly.
        aws.failNext("DeleteTranscriptionJob", 1, 400, "BadRequestException", "kept for the test");
        AwsVoice named = AwsVoice.builder(REGION, BUCKET).endpoint(aws.endpoint()).pollInterval(Duration.ofMillis(5))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "stand-in-secret")))
                .prefix("calls/").jobPrefix("shop-").build();
        try (named) {
            named.transcriber().transcribe(recording("upload-9", wav, "wav"), List.of("en"), GENEROUS);
            Await.until(() -> aws.calls("DeleteTranscriptionJob") == 1 && aws.s3().keys(BUCKET).isEmpty());
            String job = aws.transcribe().jobs().iterator().next();
            assertThat(job).startsWith("shop-upload-9-");
            assertThat(aws.transcribe().startRequest(job).orElseThrow().path("Media").path("MediaFileUri").asText())
                    .startsWith("s3://" + BUCKET + "/calls/media/");
        }
    }

    @Test
    void aJobPrefixTranscribeWouldRefuseIsRefusedWhenBuilding() {
        assertThatThrownBy(() -> AwsVoice.builder(REGION, BUCKET).jobPrefix("shop/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shop/'");
    }

    @Test
    void aBucketInAnotherRegionIsRefusedNotRetried() throws Exception {
        aws.bucket("media-in-virginia", "us-east-1");
        AwsVoice elsewhere = AwsVoice.builder(REGION, "media-in-virginia").endpoint(aws.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "stand-in-secret"))).build();
        try (elsewhere) {
            assertThatThrownBy(() -> elsewhere.transcriber().transcribe(recording("far", speech(9), "wav"), List.of("hi"), GENEROUS))
                    .isInstanceOf(SpeechRefusedException.class)
                    .hasMessageContaining("PermanentRedirect");
        }
    }

    @Test
    void aClientSigningForAnotherRegionIsRefused() throws Exception {
        try (AwsVoice mumbai = provider("ap-south-2")) {
            assertThatThrownBy(() -> mumbai.transcriber().transcribe(recording("hyd", speech(11), "wav"), List.of("hi"), GENEROUS))
                    .isInstanceOf(SpeechRefusedException.class);
        }
        assertThat(aws.refused()).first().asString().contains("the region 'ap-south-2' is wrong; expecting 'ap-south-1'");
    }

    @Test
    void transcribeThrottlingBeyondTheSdksRetriesIsWorthAnotherAttemptLater() throws Exception {
        aws.throttleNext("StartTranscriptionJob", 10);

        assertThatThrownBy(() -> voice.transcriber().transcribe(recording("busy", speech(13), "wav"), List.of("hi"), GENEROUS))
                .isInstanceOf(SpeechException.class)
                .isNotInstanceOf(SpeechRefusedException.class)
                .hasMessageContaining("LimitExceededException");
        cleanedUp(); // the uploaded media is removed again
    }

    @Test
    void aLanguagePollyCannotSpeakIsNoVoiceLanguage() {
        assertThat(voice.languages()).containsExactly("en", "hi");
        assertThat(voice.unsupported(List.of("hi", "ta", "en", "kn"))).containsExactly("ta", "kn");
        assertThat(AwsVoiceLanguages.whyNot("ta")).hasValueSatisfying(reason -> assertThat(reason).contains("Polly has no voice"));
        assertThatThrownBy(() -> voice.voice("ta")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollySpeaksHindiWithTheNeuralVoiceIn16kHzPcm() {
        String answer = "भारत में किसी भी आपात स्थिति में 112 डायल करें।";
        ByteArrayOutputStream audio = new ByteArrayOutputStream();

        voice.voice("hi").speak(answer, SpeechFormat.PCM_16K, (bytes, offset, length) -> {
            audio.write(bytes, offset, length);
            return true;
        }, GENEROUS);

        assertThat(aws.polly().syntheses()).containsExactly(
                new PollyStandIn.Synthesis(answer, "Kajal", "neural", "hi-IN", "pcm", 16_000));
        assertThat(audio.size()).isEqualTo(answer.length() * 60 * 32); // 60 ms a character, 32 bytes a millisecond
    }

    /**
     * Polly makes pcm at 8000 or 16000 Hz only, and the stand-in refuses any other rate as Polly does
     * (InvalidSampleRateException): a 24 kHz call gets Polly's 16 kHz interpolated to 24 kHz, the
     * tone's pitch unchanged, not 16 kHz samples labelled 24 kHz.
     */
    @Test
    void aTwentyFourKilohertzAnswerIsPollysSixteenKilohertzPcmResampledAtTheSamePitch() {
        String answer = "Dial 112 in any emergency.";
        ByteArrayOutputStream audio = new ByteArrayOutputStream();

        voice.voice("en").speak(answer, SpeechFormat.PCM_24K, (bytes, offset, length) -> {
            audio.write(bytes, offset, length);
            return true;
        }, GENEROUS);

        assertThat(aws.polly().syntheses()).singleElement().satisfies(s -> {
            assertThat(s.format()).isEqualTo("pcm");
            assertThat(s.sampleRate()).isEqualTo(16_000);
        });
        assertThat(audio.size()).as("60 ms a character, 48 bytes a millisecond at 24 kHz").isEqualTo(answer.length() * 60 * 48);
        assertThat(toneHertz(audio.toByteArray(), 24_000)).as("the stand-in's 330 Hz tone").isCloseTo(330, offset(3.0));
    }

    /** A tone's frequency from its zero crossings. */
    static double toneHertz(byte[] pcm, int rate) {
        short[] samples = Pcm.samples(pcm);
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 * rate / samples.length;
    }

    @Test
    void pollyThrottledOnceIsRetriedByTheSdkAndThrottledForLongIsReported() {
        aws.throttleNext("SynthesizeSpeech", 1);
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        voice.voice("en").speak("Hello.", SpeechFormat.MULAW_8K, (bytes, offset, length) -> {
            audio.write(bytes, offset, length);
            return true;
        }, GENEROUS);
        assertThat(aws.calls("SynthesizeSpeech")).isEqualTo(2);
        assertThat(audio.size()).as("one μ-law byte per 8 kHz sample").isEqualTo(6 * 60 * 8);
        assertThat(aws.polly().syntheses().get(0).sampleRate()).isEqualTo(8_000);

        aws.throttleNext("SynthesizeSpeech", 10);
        assertThatThrownBy(() -> voice.voice("en").speak("Hello.", SpeechFormat.PCM_16K, (b, o, l) -> true, GENEROUS))
                .isInstanceOf(SpeechException.class)
                .isNotInstanceOf(SpeechRefusedException.class)
                .hasMessageContaining("ThrottlingException");
    }
}
