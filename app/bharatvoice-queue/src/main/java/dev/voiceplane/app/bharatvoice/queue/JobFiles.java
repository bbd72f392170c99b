package dev.voiceplane.app.bharatvoice.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a job keeps the files it writes on the data volume: {@code DATA_DIR/jobs/<jobId>/}, one
 * directory per job, whatever its kind (a transcript, answer audio). Because a job's files are
 * found from its id alone, erasure and retention remove them without knowing the kind, and a file
 * left by a crashed or discarded attempt is still found. The uploaded audio a job reads stays in
 * {@code DATA_DIR/uploads} (the assistant's, recorded with the upload).
 */
public final class JobFiles {

    public static final String DIRECTORY = "jobs";
    /** Job ids are UUIDs ({@link JobQueue#newId()}); anything else is never turned into a path. */
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");

    private final Path dataDir;

    public JobFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The directory of job {@code jobId}'s files (not created). */
    public Path directory(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("not a job id: '" + jobId + "'");
        }
        return dataDir.resolve(DIRECTORY).resolve(jobId);
    }

    /** The job's files, relative to {@code DATA_DIR} in the form {@code jobs/<id>/<name>}, sorted; empty when it has none. */
    public List<String> list(String jobId) {
        Path directory = directory(jobId);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(f -> dataDir.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of job " + jobId, e);
        }
    }

    /** Deletes the job's directory and everything in it; returns how many files went (0 when it had none). */
    public int delete(String jobId) {
        return deleteTree(directory(jobId));
    }

    /** Ids of every job that has a directory, for the sweep of directories no row owns any more. */
    public List<String> jobsWithFiles() {
        Path root = dataDir.resolve(DIRECTORY);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> JOB_ID.matcher(name).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Deletes a directory tree; returns how many regular files it held. */
    static int deleteTree(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            int files = 0;
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path)) {
                    files++;
                }
                Files.deleteIfExists(path);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
