package dev.voiceplane.stack;

import java.nio.file.Path;
import java.util.List;

/** A stack name with no {@code Pulumi.<stack>.yaml} behind it. */
public final class UnknownStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownStackException(String stack, Path directory, List<String> known) {
        super("unknown stack '" + stack + "': there is no " + directory.resolve("Pulumi." + stack + ".yaml")
                + (known.isEmpty() ? "" : "; stacks are: " + String.join(", ", known)));
    }
}
