package dev.voiceplane.cli;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that pick a stack, shared by every command that works on one. */
public final class StackOptions {
    public static final String DEFAULT_STACK = "local";

    @Option(names = {"-s", "--stack"}, paramLabel = "<name>", defaultValue = DEFAULT_STACK,
            description = "Stack to work on: stacks/Pulumi.<name>.yaml (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--all", description = "Every stack in the stacks directory instead of one.")
    boolean all;

    @Option(names = "--stacks-dir", paramLabel = "<dir>",
            description = "Directory of the stack files (default: the nearest stacks/ from the current directory up).")
    Path stacksDir;

    public String stack() {
        return stack;
    }

    public boolean all() {
        return all;
    }

    /**
     * The stacks asked for ({@code --stack} or {@code --all}), every file read and checked before
     * any is used, so one bad file stops the command before it does any work.
     */
    public List<StackConfig> load() {
        StackFiles files = files();
        List<String> names = all ? files.names() : List.of(stack);
        List<StackConfig> stacks = new ArrayList<>();
        for (String name : names) {
            stacks.add(files.load(name));
        }
        return stacks;
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
