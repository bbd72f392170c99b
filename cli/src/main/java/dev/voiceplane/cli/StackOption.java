package dev.voiceplane.cli;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that pick one stack: what the cluster commands take (a cluster runs one stack at a
 * time), and what {@link StackOptions} extends with {@code --all}.
 */
public final class StackOption {
    public static final String DEFAULT_STACK = "local";

    /** Null when not given, so that {@code --stack X --all} can be refused instead of one silently winning. */
    @Option(names = {"-s", "--stack"}, paramLabel = "<name>",
            description = "Stack to work on: stacks/Pulumi.<name>.yaml (default: " + DEFAULT_STACK + ").")
    String stack;

    @Option(names = "--stacks-dir", paramLabel = "<dir>",
            description = "Directory of the stack files (default: the nearest stacks/ from the current directory up).")
    Path stacksDir;

    public String stack() {
        return stack != null ? stack : DEFAULT_STACK;
    }

    boolean given() {
        return stack != null;
    }

    /** The stack, its name and file checked before anything else happens. */
    public StackConfig load() {
        return files().load(stack());
    }

    public StackFiles files() {
        return new StackFiles(stacksDir != null ? stacksDir : findStacksDir());
    }

    /** The nearest {@code stacks/} at or above the working directory, so commands work from any sub-directory. */
    static Path findStacksDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("stacks"))) {
                return d.resolve("stacks");
            }
        }
        return dir.resolve("stacks");
    }
}
