package dev.voiceplane.cli.diff;

/** The earlier synthesis to compare with is missing or is not what synth writes; the message names the file and line. */
public final class UnreadableBaselineException extends RuntimeException {

    UnreadableBaselineException(String message) {
        super(message);
    }
}
