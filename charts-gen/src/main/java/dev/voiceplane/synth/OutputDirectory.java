package dev.voiceplane.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Replaces a directory's content as a whole: files are written into a fresh sibling directory,
 * which then takes the target's place. A failure part-way leaves the previous output untouched,
 * never a mix of old and new files.
 */
public final class OutputDirectory {
    private OutputDirectory() {
    }

    /**
     * @param target directory to (re)create, e.g. {@code dist/local}
     * @param files  relative path to content; sub-directories are created as needed
     */
    public static void replace(Path target, Map<String, String> files) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
            // Not createTempDirectory: that makes the directory 0700 whatever the umask, and the staging
            // directory becomes the output. createDirectory honours the umask, as mkdir does.
            Path staging = Files.createDirectory(parent.resolve("." + absolute.getFileName() + ".new-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime()));
            try {
                for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                    Path path = staging.resolve(file.getKey()).normalize();
                    if (!path.startsWith(staging)) {
                        throw new IllegalArgumentException("output path escapes the output directory: " + file.getKey());
                    }
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                }
                Path previous = null;
                if (Files.exists(absolute)) {
                    previous = parent.resolve("." + absolute.getFileName() + ".old-" + System.nanoTime());
                    move(absolute, previous);
                }
                move(staging, absolute);
                if (previous != null) {
                    deleteTree(previous);
                }
            } finally {
                if (Files.exists(staging)) {
                    deleteTree(staging);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
