package dev.voiceplane.synth;

import static dev.voiceplane.testing.Testing.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.testing.Testing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stack against its reviewed golden files, and synthesis deterministic byte for byte. */
class StackGoldenTest {

    @Test
    void everyStackMatchesItsReviewedGoldenFiles() {
        for (String stack : Testing.stacks().names()) {
            for (Manifest m : Testing.synth(stack)) {
                assertGolden(stack + "/" + m.component().fileName(), YamlWriter.write(m.objects()));
            }
        }
    }

    @Test
    void synthesizingTwiceWritesByteIdenticalFiles(@TempDir Path dir) throws Exception {
        for (String name : List.of("local", "bharatvoice-production")) {
            StackConfig stack = Testing.stack(name);
            Path first = dir.resolve(name + "-first");
            Path second = dir.resolve(name + "-second");
            OutputDirectory.replace(first, render(Synthesizer.synth(stack)));
            OutputDirectory.replace(second, render(Synthesizer.synth(stack)));
            assertThat(read(first)).as(name).isNotEmpty().isEqualTo(read(second));
        }
    }

    @Test
    void replacingAnOutputDirectoryLeavesNoStaleFilesOrStagingDirectories(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("local");
        OutputDirectory.replace(out, Map.of("old.yaml", "a: 1\n", "keep.yaml", "b: 1\n"));
        OutputDirectory.replace(out, Map.of("keep.yaml", "b: 2\n"));
        assertThat(read(out)).containsExactly(Map.entry("keep.yaml", "b: 2\n"));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("local");
        }
    }

    static Map<String, String> render(List<Manifest> manifests) {
        Map<String, String> files = new TreeMap<>();
        manifests.forEach(m -> files.put(m.component().fileName(), YamlWriter.write(m.objects())));
        return files;
    }

    static Map<String, String> read(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }
}
