package dev.voiceplane.infra;

import dev.voiceplane.stack.StackConfig;
import java.util.Objects;

/**
 * Errors about a stack value the cloud needs, named as the user edits them: the stack file and the
 * key ({@code stacks/Pulumi.ai-ninja-production.yaml: voiceplane:managedStores.postgresHost: ...}).
 * The parser has already checked the syntax of every key; these are the rules only infra knows,
 * such as "the PostgreSQL host must be a flexible server name".
 */
public final class StackKeys {
    private final String file;
    private final StackConfig stack;

    public StackKeys(String file, StackConfig stack) {
        this.file = Objects.requireNonNull(file, "file");
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    public StackConfig stack() {
        return stack;
    }

    /** An error naming the file and the key, e.g. {@code voiceplane:vault.url}. */
    public IllegalArgumentException problem(String key, String message) {
        return new IllegalArgumentException(file + ": voiceplane:" + key + ": " + message);
    }

    /** The first DNS label of {@code host} when it ends with {@code suffix}; otherwise an error naming the key. */
    public String labelBefore(String key, String host, String suffix, String what) {
        if (host.isEmpty()) {
            throw problem(key, "is required on " + stack.cloud().id() + ": " + what);
        }
        if (!host.endsWith(suffix) || host.substring(0, host.length() - suffix.length()).contains(".")) {
            throw problem(key, "must be <name>" + suffix + " (" + what + "), got '" + host + "'");
        }
        return host.substring(0, host.length() - suffix.length());
    }
}
