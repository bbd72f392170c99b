package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The earlier synthesis a pull request is compared with: {@code <root>/<stack>/...yaml}, as
 * {@code voiceplane synth --all --out <root>} writes it on the base revision. It is checked as a
 * whole before anything is compared, so that a wrong path cannot turn the gate into "everything
 * is new": the root must exist, must not itself be one stack's folder (YAML files directly in it),
 * and must hold at least one stack.
 */
public final class Baseline {
    private final Path root;
    private final List<String> stacks;

    private Baseline(Path root, List<String> stacks) {
        this.root = root;
        this.stacks = stacks;
    }

    /**
     * @param flag how the user named the root (for messages), e.g. {@code --against}
     * @throws UnreadableBaselineException saying what was expected
     */
    public static Baseline open(Path root, String flag) {
        String expected = "expected the output of 'voiceplane synth --all --out " + root + "' on the base revision: "
                + root + "/<stack>/*.yaml, e.g. " + root.resolve("local").resolve("namespace.yaml");
        if (!Files.isDirectory(root)) {
            throw new UnreadableBaselineException(flag + " " + root + ": no such directory; " + expected);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            throw new UnreadableBaselineException(flag + " " + root + ": cannot list: " + e.getMessage());
        }
        List<Path> direct = entries.stream().filter(p -> Files.isRegularFile(p) && SynthesizedStack.isYaml(p)).toList();
        if (!direct.isEmpty()) {
            throw new UnreadableBaselineException(flag + " " + root + " holds YAML files itself (" + direct.get(0).getFileName()
                    + "): it looks like one stack's folder, one level too deep; pass its parent " + root.toAbsolutePath().getParent()
                    + " (" + expected + ")");
        }
        List<String> stacks = entries.stream().filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .filter(StackFiles::isValidName).filter(name -> !name.startsWith("."))
                .filter(name -> !SynthesizedStack.files(root.resolve(name)).isEmpty()).toList();
        if (stacks.isEmpty()) {
            throw new UnreadableBaselineException(flag + " " + root + " holds no synthesized stack; " + expected);
        }
        return new Baseline(root, stacks);
    }

    public Path root() {
        return root;
    }

    /** The stacks it holds, sorted. */
    public List<String> stacks() {
        return stacks;
    }

    public boolean has(String stack) {
        return stacks.contains(stack);
    }

    public Path directoryOf(String stack) {
        return root.resolve(StackFiles.checkName(stack));
    }

    /** The stack's objects by key; empty for a stack it does not hold. */
    public Map<ObjectKey, ObjectNode> read(String stack) {
        return has(stack) ? SynthesizedStack.read(directoryOf(stack)) : Map.of();
    }
}
