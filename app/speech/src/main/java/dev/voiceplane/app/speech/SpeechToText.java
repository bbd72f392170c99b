package dev.voiceplane.app.speech;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Streaming speech-to-text: one {@link Recognition} per utterance, fed the caller's audio while the
 * caller speaks, so most of the work is done when the caller stops. Implementations: the offline
 * {@code SphinxSpeechToText} and Azure Speech.
 */
public interface SpeechToText {

    /**
     * Starts recognising one utterance.
     *
     * @param partial given the words recognised so far, whenever they grow (on the provider's
     *                thread; must not block). Turn detection reads it.
     */
    Recognition start(Consumer<String> partial);

    /** One utterance being recognised. */
    interface Recognition {

        /** More of the utterance: 16 kHz 16-bit little-endian mono PCM. */
        void accept(byte[] pcm16k);

        /**
         * The utterance is complete: the words heard, empty when nothing was understood. Throws
         * {@link SpeechException} (with {@code timeout()} set when {@code timeout} ran out).
         */
        String finish(Duration timeout);

        /** Abandons the utterance (the call ended); safe after {@link #finish}. */
        void cancel();
    }
}
