package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the CLI under {@code src/test/resources/golden/}: compared byte for byte, rewritten
 * only with {@code -Dvoiceplane.updateGolden=true} (then read the change before committing it).
 */
final class Golden {
    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws Exception {
        Path file = ROOT.resolve(name);
        if (Boolean.getBoolean("voiceplane.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (make it with -Dvoiceplane.updateGolden=true)", file).exists();
        assertThat(actual).as("output against golden %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
