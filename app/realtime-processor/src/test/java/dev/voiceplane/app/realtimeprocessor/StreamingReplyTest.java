package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import dev.voiceplane.app.speech.SpeechEngines;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.catalog.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming chain: the dialog's reply streamed and spoken sentence by sentence, and replies
 * started on complete-looking partial words before the turn ends, kept or abandoned by what the
 * caller says next. Speech engines here are scripted: the partial words come when the recognizer
 * has heard a given amount of audio, the final words when the turn ends.
 */
class StreamingReplyTest {

    static final StreamingEngine ENGINE = StreamingEngine.start();

    /** What the recognizer says: partials once it has heard {@code [bytes, words]} pairs of audio, then the final words. */
    static volatile List<Object[]> partials = List.of();
    static volatile String finalWords = "";
    static final List<String> SPOKEN = new CopyOnWriteArrayList<>();

    static final SpeechToText STT = partial -> new SpeechToText.Recognition() {
        private long heard;
        private int given;

        @Override
        public void accept(byte[] pcm16k) {
            heard += pcm16k.length;
            List<Object[]> script = partials;
            while (given < script.size() && heard >= (int) script.get(given)[0]) {
                partial.accept((String) script.get(given++)[1]);
            }
        }

        @Override
        public String finish(Duration timeout) {
            return finalWords;
        }

        @Override
        public void cancel() {
        }
    };

    /** Each sentence is 0.1 s of audio. */
    static final TextToSpeech TTS = (String sentence, SpeechFormat format, TextToSpeech.AudioSink sink, Duration timeout) -> {
        SPOKEN.add(sentence);
        byte[] audio = new byte[format.bytesPerSecond() / 10];
        sink.accept(audio, 0, audio.length);
    };

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("realtime-processor",
                    () -> new RealtimeProcessorModule(new SpeechEngines("scripted", STT, TTS)))
            .withEnv(Env.urlOf("smart-whitelist"), ENGINE.url())
            .withEnv(Env.urlOf("conversation-engine"), ENGINE.url())
            .withEnv(Env.urlOf("conversation-analyzer"), ENGINE.url())
            .withEnv(Env.MAX_CONCURRENT_CALLS, "3")
            .withEnv(Env.WEBSOCKET_TIMEOUT, "30000")
            .withEnv(Env.PROCESSING_PIPELINE_TIMEOUT, "10000");

    /** 400 ms of speech: 12,800 bytes of 16 kHz PCM. */
    static final int WORDS_HEARD = 12_800;

    @BeforeEach
    void reset() {
        ENGINE.reset();
        SPOKEN.clear();
    }

    @AfterEach
    void serverHasClosedEverySocket() {
        ENGINE.release();
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0);
    }

    @AfterAll
    static void stopEngine() {
        ENGINE.close();
    }

    private static CallClient call(String callId) throws Exception {
        CallClient call = CallClient.connect(SERVICE.baseUrl(), SERVICE.token("telephony-gateway", Role.SERVICE));
        assertThat(call.send(Map.of("type", "start", "callId", callId, "userId", "user-1", "callerNumber", "+4930123456")).next()
                .path("type").asText()).isEqualTo("decision");
        return call;
    }

    private static double earlyReplies(String result) {
        return SERVICE.http().get("/metrics", null).raw().lines()
                .filter(l -> l.startsWith("realtime_voice_early_replies_total{") && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theFirstSentenceIsSpokenWhileTheModelStillWritesTheRest() throws Exception {
        partials = List.<Object[]>of(new Object[] {WORDS_HEARD, "i would like to speak to anna"});
        finalWords = "I would like to speak to Anna.";
        ENGINE.holding();
        double kept = earlyReplies("kept");
        CallClient call = call("stream-1");

        call.stream(Tones.pcm16(Tones.concat(Tones.tone(400), Tones.silence(600))), 3200);

        assertThat(call.next().path("text").asText()).isEqualTo("I would like to speak to Anna.");
        // The engine holds everything after "Reply to anna.": audio of the first sentence comes anyway.
        assertThat(call.next().path("type").asText()).isEqualTo(CallClient.BINARY);
        assertThat(SPOKEN).containsExactly("Reply to anna.");
        ENGINE.release();
        JsonNode reply = call.next("reply");
        assertThat(reply.path("text").asText()).isEqualTo("Reply to anna. Thank you.");
        assertThat(call.next("audio-end").path("bytes").asLong()).isEqualTo(6400); // two sentences of 0.1 s at 32 kB/s
        assertThat(SPOKEN).containsExactly("Reply to anna.", "Thank you.");
        // The reply was started on the partial words before the turn ended, and kept: one turn asked for.
        assertThat(ENGINE.turns()).containsExactly("i would like to speak to anna");
        assertThat(earlyReplies("kept")).isEqualTo(kept + 1);
        call.close();
    }

    @Test
    void anEarlyReplyToWordsTheFinalResultChangedIsAbandonedForTheRightOne() throws Exception {
        partials = List.<Object[]>of(new Object[] {WORDS_HEARD, "i would like to speak to anna"});
        finalWords = "I would like to speak to Hannah.";
        double discarded = earlyReplies("discarded");
        CallClient call = call("stream-2");

        call.stream(Tones.pcm16(Tones.concat(Tones.tone(400), Tones.silence(600))), 3200);

        assertThat(call.next().path("text").asText()).isEqualTo("I would like to speak to Hannah.");
        JsonNode reply = call.next("reply");
        assertThat(reply.path("text").asText()).isEqualTo("Reply to hannah. Thank you.");
        assertThat(call.next("audio-end").path("bytes").asLong()).isEqualTo(6400); // only the kept reply's audio was sent
        // Both were asked for (the early one first, though under load its request may arrive second).
        assertThat(ENGINE.turns()).containsExactlyInAnyOrder("i would like to speak to anna", "I would like to speak to Hannah.");
        assertThat(earlyReplies("discarded")).isEqualTo(discarded + 1);
        call.close();
    }

    @Test
    void aCallerWhoSpeaksOnAbandonsTheEarlyReplyAndIsAnsweredOnceForTheWholeTurn() throws Exception {
        partials = List.<Object[]>of(new Object[] {WORDS_HEARD, "i would like to speak to anna"},
                new Object[] {2 * WORDS_HEARD + 6_400, "i would like to speak to anna tomorrow"});
        finalWords = "I would like to speak to Anna tomorrow.";
        CallClient call = call("stream-3");

        // 200 ms of pause after the first words (an early reply starts after 100 ms), then more words.
        call.stream(Tones.pcm16(Tones.concat(Tones.tone(400), Tones.silence(200), Tones.tone(400), Tones.silence(600))), 3200);

        assertThat(call.next().path("text").asText()).isEqualTo("I would like to speak to Anna tomorrow.");
        JsonNode reply = call.next("reply");
        assertThat(reply.path("text").asText()).isEqualTo("Reply to tomorrow. Thank you.");
        assertThat(call.next("audio-end").path("bytes").asLong()).isEqualTo(6400);
        assertThat(ENGINE.turns()).containsExactlyInAnyOrder("i would like to speak to anna", "i would like to speak to anna tomorrow");
        call.close();
    }
}
