package dev.voiceplane.stack;

import java.nio.file.Path;
import java.util.List;

/** A stack name that is not valid, or has no {@code Pulumi.<stack>.yaml} behind it. */
public final class UnknownStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownStackException(String stack, Path directory, List<String> known) {
        this("unknown stack '" + stack + "': there is no " + directory.resolve("Pulumi." + stack + ".yaml")
                + (known.isEmpty() ? "" : "; stacks are: " + String.join(", ", known)));
    }

    private UnknownStackException(String message) {
        super(message);
    }

    static UnknownStackException invalidName(String stack) {
        return new UnknownStackException("'" + stack + "' is not a stack name: Pulumi allows 1 to 100 letters, digits, '-', '_' "
                + "and '.' (no '/', not '.' or '..'), e.g. ai-ninja-staging");
    }

    static UnknownStackException noDirectory(String stack, Path directory) {
        return new UnknownStackException("no stacks directory " + directory + " (looking for stack '" + stack
                + "'); pass --stacks-dir or run from the repository");
    }
}
