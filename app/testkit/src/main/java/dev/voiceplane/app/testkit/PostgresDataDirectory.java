package dev.voiceplane.app.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Data directories for the embedded PostgreSQL, copied from an initialised template. {@code initdb}
 * is the slowest part of starting PostgreSQL (one to four seconds here) and every test JVM — one per
 * module — used to pay it; now the first JVM on a machine creates a template and later ones copy it
 * (a fraction of a second; the embedded server skips initdb when {@code postgresql.conf} exists).
 * Directories live in {@code /dev/shm} when there is one: nothing here needs to survive a reboot.
 */
final class PostgresDataDirectory {

    private PostgresDataDirectory() {
    }

    /** A new data directory holding a stopped, initialised cluster. */
    static Path fresh() {
        try {
            Path template = template();
            Path copy = Files.createTempDirectory(base(), "voiceplane-pg-");
            copyTree(template, copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a PostgreSQL data directory", e);
        }
    }

    /** {@code directory} holding a cluster: the one already there, or a copy of the template the first time. */
    static Path kept(Path directory) {
        try {
            if (Files.isRegularFile(directory.resolve("postgresql.conf"))) {
                return directory;
            }
            Files.createDirectories(directory);
            copyTree(template(), directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the kept PostgreSQL data directory " + directory, e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the machine's tmpfs is cleared at reboot.
        }
    }

    /** The template for the PostgreSQL binaries on the classpath, made by a clean initdb the first time. */
    private static Path template() throws IOException {
        Path template = base().resolve("voiceplane-pg-template-" + Integer.toHexString(binariesVersion().hashCode()));
        if (Files.isRegularFile(template.resolve("postgresql.conf"))) {
            return template;
        }
        Path building = Files.createTempDirectory(base(), "voiceplane-pg-template-building-");
        EmbeddedPostgres.builder().setDataDirectory(building).setCleanDataDirectory(false).start().close();
        try {
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            delete(building); // another JVM made it first: theirs is as good
        }
        return template;
    }

    /** Identifies the embedded PostgreSQL binaries (their jar's path carries the version). */
    private static String binariesVersion() {
        URL binaries = EmbeddedPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        return binaries == null ? "unknown" : binaries.toString();
    }

    private static Path base() {
        Path memory = Path.of("/dev/shm");
        return Files.isDirectory(memory) && Files.isWritable(memory) ? memory : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // PostgreSQL refuses a data directory others may read.
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
