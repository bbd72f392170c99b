package dev.voiceplane.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether an output root can take synth's files, said in words before anything is rendered. */
final class OutputRoot {
    private OutputRoot() {
    }

    /** What is wrong with writing under {@code root}, or null. */
    static String problem(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            return "is a file, not a directory; pass a directory (synth writes <dir>/<stack>/)";
        }
        // The nearest existing directory is where the first new directory will be made.
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "no part of the path exists";
        }
        if (!Files.isDirectory(existing)) {
            return existing + " is a file, so nothing can be made under it";
        }
        if (!Files.isWritable(existing)) {
            return existing + " is not writable (permission denied); pick another --out";
        }
        return null;
    }
}
