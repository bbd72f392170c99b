package dev.voiceplane.app.bharatvoice.assistant.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data volume for one test class (the system's shared test directory is used by other builds at the same time). */
final class TestVolume {

    private TestVolume() {
    }

    static Path create(String name) {
        try {
            return Files.createTempDirectory("bharatvoice-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
