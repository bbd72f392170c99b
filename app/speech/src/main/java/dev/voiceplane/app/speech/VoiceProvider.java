package dev.voiceplane.app.speech;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Speech in several languages from one provider: recordings transcribed in any of its languages,
 * answers spoken in each. A system picks one per deployment (BharatVoice: Amazon Transcribe and
 * Polly on AWS, or the offline engines). Languages are ISO 639-1 codes.
 */
public interface VoiceProvider extends AutoCloseable {

    /** {@code aws}, {@code offline} or a stand-in's name, for logs and metrics. */
    String name();

    /** The languages this provider both transcribes and speaks. */
    Set<String> languages();

    RecordingTranscriber transcriber();

    /** The voice answers in {@code language} are spoken with; one of {@link #languages()}. */
    TextToSpeech voice(String language);

    /** The sample rate and encoding {@link #voice} answers in for a stored answer: 16 kHz PCM, as recognition uses. */
    default SpeechFormat answerFormat() {
        return SpeechFormat.PCM_16K;
    }

    /** The codes in {@code wanted} this provider cannot serve by voice, in their order. */
    default List<String> unsupported(Collection<String> wanted) {
        return wanted.stream().filter(l -> !languages().contains(l)).toList();
    }

    @Override
    default void close() {
    }
}
