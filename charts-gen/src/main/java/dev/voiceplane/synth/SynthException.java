package dev.voiceplane.synth;

import java.util.List;

/** The construct tree failed validation; one {@code [construct/path] message} line per error. */
public final class SynthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> errors;

    public SynthException(List<String> errors) {
        super("synthesis found " + errors.size() + " error(s):\n" + String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
