package dev.voiceplane.app.azurespeech;

/**
 * The {@code RecognitionStatus} of a short-audio recognition
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short#response-parameters).
 */
public enum RecognitionStatus {
    /** Speech was recognised; the result has text. */
    SUCCESS("Success"),
    /** Speech was detected but matched no words of the language. */
    NO_MATCH("NoMatch"),
    /** The audio began with silence for too long. */
    INITIAL_SILENCE_TIMEOUT("InitialSilenceTimeout"),
    /** The audio held only noise. */
    BABBLE_TIMEOUT("BabbleTimeout"),
    /** The service failed to recognise (an internal error on Azure's side). */
    ERROR("Error");

    private final String wire;

    RecognitionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the caller said nothing usable; not a failure of the service. */
    public boolean nothingHeard() {
        return this == NO_MATCH || this == INITIAL_SILENCE_TIMEOUT || this == BABBLE_TIMEOUT;
    }

    static RecognitionStatus parse(String value) {
        for (RecognitionStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new AzureSpeechException("Azure Speech answered an unknown RecognitionStatus '"
                + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'", 200, false, null);
    }
}
