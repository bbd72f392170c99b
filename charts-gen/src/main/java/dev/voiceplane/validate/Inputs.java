package dev.voiceplane.validate;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.YamlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where validate's objects come from: a synthesized stack, or YAML files in a directory. */
public final class Inputs {
    private Inputs() {
    }

    /**
     * A stack's manifests as synth writes them: each file rendered exactly as {@code synth} would write
     * {@code <outRoot>/<stack>/<component>.yaml}, then read back with the line of every field.
     */
    public static Model stack(StackConfig stack, List<Manifest> manifests, String outRoot) {
        List<Source> sources = new ArrayList<>();
        for (Manifest m : manifests) {
            String file = (outRoot.isEmpty() ? "" : outRoot + "/") + stack.name() + "/" + m.component().fileName();
            sources.addAll(YamlDocuments.read(file, YamlWriter.write(m.objects())));
        }
        return new Model(sources, ClusterFacts.of(stack), Optional.of(stack));
    }

    /**
     * Every {@code .yaml} and {@code .yml} file under {@code dir}, recursively, in path order; files are
     * named relative to {@code base} (the working directory, so SARIF paths are relative to the repository).
     *
     * @throws YamlDocuments.InvalidYamlException naming file and line when a file is not a stream of objects
     * @throws UncheckedIOException when the directory cannot be read
     */
    public static Model directory(Path dir, Path base, ClusterFacts facts) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            String name = relative(base, file);
            try {
                sources.addAll(YamlDocuments.read(name, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }
        return new Model(sources, facts, Optional.empty());
    }

    /** {@code file} relative to {@code base} with '/' separators, or absolute when it is elsewhere. */
    public static String relative(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        Path shown = abs.startsWith(b) ? b.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
