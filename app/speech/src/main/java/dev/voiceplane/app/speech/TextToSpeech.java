package dev.voiceplane.app.speech;

import java.time.Duration;

/**
 * Streaming text-to-speech: a reply is synthesized sentence by sentence, and each sentence's audio
 * is handed on as its first bytes arrive, so the caller hears the start of a reply while the rest is
 * still being made. Implementations: the offline {@code FreeTtsTextToSpeech} and Azure Speech.
 */
public interface TextToSpeech {

    /**
     * Speaks {@code sentence} in {@code format}, giving the audio to {@code sink} as it is made;
     * returns when the sentence is done or the sink refused more. Throws {@link SpeechException}.
     */
    void speak(String sentence, SpeechFormat format, AudioSink sink, Duration timeout);

    /** Where synthesized audio goes; {@code false} stops the synthesis (the caller barged in, or hung up). */
    @FunctionalInterface
    interface AudioSink {
        boolean accept(byte[] audio, int offset, int length);
    }
}
