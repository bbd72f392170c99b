package dev.voiceplane.app.speech.offline;

import dev.voiceplane.app.speech.Recording;
import dev.voiceplane.app.speech.RecordingTranscriber;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechRefusedException;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import dev.voiceplane.app.speech.Transcript;
import dev.voiceplane.app.speech.VoiceProvider;
import dev.voiceplane.app.speech.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The offline engines as a {@link VoiceProvider}: Sphinx4 hears and FreeTTS speaks US English, in
 * this JVM with no key. Recordings must be WAV (16-bit mono PCM at 8 or 16 kHz): decoding MP3, Ogg
 * or WebM needs codecs the JDK does not have, so those are refused as unsupported, not retried.
 */
public final class OfflineVoice implements VoiceProvider {

    public static final String ENGLISH = "en";
    /** Audio is fed to the recognizer in pieces of this size, as a caller's stream would arrive. */
    private static final int CHUNK = 3_200;

    private final SpeechToText speechToText;
    private final TextToSpeech textToSpeech;

    public OfflineVoice(SpeechToText speechToText, TextToSpeech textToSpeech) {
        this.speechToText = speechToText;
        this.textToSpeech = textToSpeech;
    }

    /** The JVM's shared offline engines ({@link OfflineSpeech}). */
    public static OfflineVoice shared() {
        return new OfflineVoice(OfflineSpeech.speechToText(), OfflineSpeech.textToSpeech());
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Set<String> languages() {
        return Set.of(ENGLISH);
    }

    @Override
    public RecordingTranscriber transcriber() {
        return this::transcribe;
    }

    @Override
    public TextToSpeech voice(String language) {
        if (!ENGLISH.equals(language)) {
            throw new IllegalArgumentException("the offline voice speaks English only, not '" + language + "'");
        }
        return textToSpeech;
    }

    private Transcript transcribe(Recording recording, List<String> languages, Duration timeout) {
        if (!languages.contains(ENGLISH)) {
            throw new SpeechRefusedException("the offline recognizer hears English only; asked for " + languages);
        }
        if (!"wav".equals(recording.format())) {
            throw new SpeechRefusedException("the offline recognizer reads WAV only (16-bit mono PCM, 8 or 16 kHz), got "
                    + recording.format());
        }
        byte[] pcm;
        try {
            pcm = Wav.read(Files.readAllBytes(recording.file()));
        } catch (IllegalArgumentException e) {
            throw new SpeechRefusedException("recording " + recording.id() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + recording.id(), e);
        }
        SpeechToText.Recognition recognition = speechToText.start(words -> { });
        try {
            for (int at = 0; at < pcm.length; at += CHUNK) {
                recognition.accept(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + CHUNK)));
            }
            return new Transcript(recognition.finish(timeout), ENGLISH, 1.0);
        } catch (SpeechException e) {
            recognition.cancel();
            throw e;
        }
    }
}
