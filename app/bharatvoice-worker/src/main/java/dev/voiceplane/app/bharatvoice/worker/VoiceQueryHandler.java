package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.assistant.AnswerEngine;
import dev.voiceplane.app.bharatvoice.assistant.VoiceAnswers;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.speech.Recording;
import dev.voiceplane.app.speech.Sentences;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechRefusedException;
import dev.voiceplane.app.speech.TextToSpeech;
import dev.voiceplane.app.speech.Transcript;
import dev.voiceplane.app.speech.VoiceProvider;
import dev.voiceplane.app.speech.Wav;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code voice.transcribe}: a voice query from an upload to a spoken answer. The upload is checked
 * ({@link UploadCheck}), transcribed by the deployment's {@link VoiceProvider} in the language the
 * user named or, when none, identified among {@code VOICE_LANGUAGES}; the transcript goes to the
 * assistant's own {@link AnswerEngine}; the answer is spoken sentence by sentence in the same
 * language and stored as a 16 kHz WAV under {@code DATA_DIR/answers/}, with the outcome in
 * {@code voice_answer}. Each stage is timed and a failure names its stage: one the provider refused
 * (a format it cannot read, a language it cannot hear) goes to the dead-letter list at once; a
 * timeout, throttling or outage is retried with the queue's backoff. Nothing reports success
 * without a transcript, an answer and its audio.
 */
public final class VoiceQueryHandler implements JobHandler {

    public static final String KIND = "voice.transcribe";
    /** Transcribe batch jobs of short recordings usually finish in seconds; this bounds a stuck one. */
    static final Duration TRANSCRIBE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SPEAK_TIMEOUT = Duration.ofSeconds(20);

    private final Path dataDir;
    private final VoiceProvider voice;
    private final List<String> voiceLanguages;
    private final AnswerEngine answers;
    private final VoiceAnswers store;
    private final VoiceMetrics metrics;
    private final Clock clock;

    VoiceQueryHandler(Path dataDir, VoiceProvider voice, List<String> voiceLanguages, AnswerEngine answers, VoiceAnswers store,
            VoiceMetrics metrics, Clock clock) {
        this.dataDir = dataDir;
        this.voice = voice;
        this.voiceLanguages = List.copyOf(voiceLanguages);
        this.answers = answers;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String handle(JsonNode payload) throws Exception {
        String uploadId = payload.path("uploadId").asText("");
        String userId = payload.path("userId").asText("");
        String named = payload.path("language").isTextual() ? payload.path("language").asText() : null;
        if (!uploadId.matches("[0-9a-f-]{36}") || userId.isEmpty()) {
            throw new PermanentFailure("payload must name the upload (uploadId) and its owner (userId)");
        }
        String language = named == null ? VoiceMetrics.AUTO : named;
        long start = System.nanoTime();

        UploadCheck.Checked upload;
        try {
            upload = UploadCheck.check(dataDir, payload);
        } catch (java.io.IOException e) {
            // Not there (yet): the shared volume may not be mounted on this replica; retried with backoff.
            metrics.failed(VoiceStage.VERIFY, language);
            throw new VoiceStage.Failure(VoiceStage.VERIFY, false, false, e.getMessage() + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (PermanentFailure e) {
            metrics.failed(VoiceStage.VERIFY, language);
            throw new PermanentFailure(VoiceStage.VERIFY.label() + " failed: " + e.getMessage());
        }
        metrics.stage(VoiceStage.VERIFY, language, System.nanoTime() - start);
        if (named != null && !voiceLanguages.contains(named)) {
            throw fail(VoiceStage.TRANSCRIBE, language, new SpeechRefusedException("'" + named + "' is not a voice language here; "
                    + "VOICE_LANGUAGES is " + voiceLanguages));
        }

        long mark = System.nanoTime();
        Transcript transcript;
        try {
            transcript = voice.transcriber().transcribe(new Recording(uploadId, upload.file(), upload.format()),
                    named == null ? voiceLanguages : List.of(named), TRANSCRIBE_TIMEOUT);
        } catch (SpeechException | IllegalArgumentException e) {
            throw fail(VoiceStage.TRANSCRIBE, language, e);
        }
        language = transcript.language();
        metrics.stage(VoiceStage.TRANSCRIBE, language, System.nanoTime() - mark);
        if (transcript.text().isBlank()) {
            throw fail(VoiceStage.TRANSCRIBE, language, new SpeechRefusedException("no words were recognised in the recording"));
        }

        mark = System.nanoTime();
        if (!answers.supports(language)) {
            throw fail(VoiceStage.ANSWER, language, new SpeechRefusedException("the transcript is in '" + language
                    + "', which this deployment does not answer in"));
        }
        AnswerEngine.Reply reply = answers.answer(transcript.text(), language);
        metrics.stage(VoiceStage.ANSWER, language, System.nanoTime() - mark);

        mark = System.nanoTime();
        byte[] pcm = speak(reply.text(), language);
        metrics.stage(VoiceStage.SYNTHESIZE, language, System.nanoTime() - mark);

        mark = System.nanoTime();
        String audioPath;
        byte[] wav = Wav.of(pcm);
        try {
            audioPath = store.writeAudio(uploadId, wav);
            store.record(new VoiceAnswers.VoiceAnswer(uploadId, userId, transcript.text(), language, transcript.confidence(), reply.topic(),
                    reply.text(), audioPath, wav.length, voice.name(), clock.instant()));
        } catch (RuntimeException e) {
            throw fail(VoiceStage.STORE, language, e);
        }
        metrics.stage(VoiceStage.STORE, language, System.nanoTime() - mark);

        QuerySize size = QuerySize.of(upload.durationSeconds(), transcript.text());
        acceptedAt(payload).ifPresent(accepted -> metrics.query(transcript.language(), size,
                Duration.between(accepted, clock.instant()).isNegative() ? Duration.ZERO : Duration.between(accepted, clock.instant())));

        Map<String, Object> result = new LinkedHashMap<>(upload.facts());
        result.put("transcript", transcript.text());
        result.put("language", language);
        result.put("confidence", transcript.confidence());
        result.put("topic", reply.topic());
        result.put("answer", reply.text());
        result.put("audio", Map.of("file", audioPath, "bytes", wav.length,
                "durationSeconds", Math.round(pcm.length * 1000.0 / SpeechFormat.PCM_16K.bytesPerSecond()) / 1000.0));
        result.put("size", size.label());
        result.put("provider", voice.name());
        result.put("millis", (System.nanoTime() - start) / 1_000_000);
        return Json.mapper().writeValueAsString(result);
    }

    private byte[] speak(String text, String language) {
        TextToSpeech speaker;
        try {
            speaker = voice.voice(language);
        } catch (IllegalArgumentException e) {
            throw fail(VoiceStage.SYNTHESIZE, language, new SpeechRefusedException(e.getMessage()));
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (String sentence : Sentences.of(text)) {
            try {
                speaker.speak(sentence, SpeechFormat.PCM_16K, (audio, offset, length) -> {
                    pcm.write(audio, offset, length);
                    return true;
                }, SPEAK_TIMEOUT);
            } catch (SpeechException e) {
                throw fail(VoiceStage.SYNTHESIZE, language, e);
            }
        }
        if (pcm.size() == 0) {
            throw fail(VoiceStage.SYNTHESIZE, language, new SpeechException("the voice produced no audio for the answer", false, null));
        }
        return pcm.toByteArray();
    }

    /** Counts the failure and turns it into what the worker does next: dead-letter a refusal, retry the rest. */
    private RuntimeException fail(VoiceStage stage, String language, RuntimeException cause) {
        metrics.failed(stage, language);
        boolean refused = cause instanceof SpeechRefusedException || cause instanceof IllegalArgumentException;
        boolean timeout = cause instanceof SpeechException speech && speech.timeout();
        VoiceStage.Failure failure = new VoiceStage.Failure(stage, timeout, refused, cause.getMessage(), cause);
        return refused ? new PermanentFailure(failure.getMessage()) : failure;
    }

    private static java.util.Optional<Instant> acceptedAt(JsonNode payload) {
        try {
            return payload.hasNonNull("acceptedAt") ? java.util.Optional.of(Instant.parse(payload.path("acceptedAt").asText()))
                    : java.util.Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
