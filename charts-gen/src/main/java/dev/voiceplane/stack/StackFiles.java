package dev.voiceplane.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code stacks/} directory: one {@code Pulumi.<stack>.yaml} per stack, shared with Pulumi
 * ({@code stackConfigDir: stacks} in Pulumi.yaml).
 */
public final class StackFiles {
    private static final Pattern FILE = Pattern.compile("Pulumi\\.([a-z0-9][a-z0-9-]*)\\.yaml");

    private final Path directory;

    public StackFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Stack names found in the directory, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> FILE.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StackConfigException(List.of(new ConfigProblem(directory.toString(), 0, "", "cannot list stacks: " + e.getMessage())));
        }
    }

    public Path fileOf(String stack) {
        return directory.resolve("Pulumi." + stack + ".yaml");
    }

    /**
     * Reads and validates one stack.
     *
     * @throws UnknownStackException when there is no file for it
     * @throws StackConfigException  when the file has problems
     */
    public StackConfig load(String stack) {
        Path file = fileOf(stack);
        if (!Files.isRegularFile(file)) {
            throw new UnknownStackException(stack, directory, names());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackConfigException(List.of(new ConfigProblem(file.toString(), 0, "", "cannot be read: " + e.getMessage())));
        }
        return StackConfigParser.parse(file.toString(), stack, text);
    }
}
