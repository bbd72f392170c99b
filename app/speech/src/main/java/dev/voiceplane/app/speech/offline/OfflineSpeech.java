package dev.voiceplane.app.speech.offline;

import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The offline engines of one JVM, made on first use and shared: their models are read-only, so
 * every service instance in the process (the local run, a test suite) uses one copy.
 * {@code decoders} and voices default to the number of cores.
 */
public final class OfflineSpeech {

    private static volatile SphinxSpeechToText recognizer;
    private static volatile FreeTtsTextToSpeech synthesizer;

    private OfflineSpeech() {
    }

    /** Sphinx4 recognition, loading its models on a decoder thread's first utterance. */
    public static SpeechToText speechToText() {
        return (Consumer<String> partial) -> recognizer().start(partial);
    }

    /** FreeTTS synthesis with kevin16, its voices allocated on first use. */
    public static TextToSpeech textToSpeech() {
        return (String sentence, SpeechFormat format, TextToSpeech.AudioSink sink, Duration timeout) ->
                synthesizer().speak(sentence, format, sink, timeout);
    }

    /**
     * Starts loading the recognition models in the background, so a service is ready to listen soon
     * after it starts; the future completes when every decoder has its models.
     */
    public static java.util.concurrent.CompletableFuture<Void> warmUp() {
        synthesizer();
        return recognizer().warmUp();
    }

    private static SphinxSpeechToText recognizer() {
        if (recognizer == null) {
            synchronized (OfflineSpeech.class) {
                if (recognizer == null) {
                    recognizer = new SphinxSpeechToText(Runtime.getRuntime().availableProcessors());
                }
            }
        }
        return recognizer;
    }

    private static FreeTtsTextToSpeech synthesizer() {
        if (synthesizer == null) {
            synchronized (OfflineSpeech.class) {
                if (synthesizer == null) {
                    synthesizer = new FreeTtsTextToSpeech(Runtime.getRuntime().availableProcessors());
                }
            }
        }
        return synthesizer;
    }
}
