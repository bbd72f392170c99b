package dev.voiceplane.app.speech;

import java.time.Duration;
import java.util.List;

/**
 * Batch speech-to-text: a whole recording in, its words and language out. Where a caller streams
 * audio as it speaks, {@link SpeechToText} is the interface; an upload is already complete, and
 * batch providers (Amazon Transcribe jobs) take a file.
 */
public interface RecordingTranscriber {

    /**
     * Transcribes {@code recording}. With one language in {@code languages} it is taken as the
     * recording's language; with several, the provider identifies which of them is spoken. Throws
     * {@link SpeechException} (with {@code timeout()} set when {@code timeout} ran out);
     * {@link SpeechRefusedException} when this provider can never transcribe the recording (its format, its language).
     */
    Transcript transcribe(Recording recording, List<String> languages, Duration timeout);

}
