package dev.voiceplane.app.bharatvoice.assistant.privacy;

import dev.voiceplane.app.bharatvoice.assistant.VoiceAnswers;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The files of one user on the data volume: the audio they uploaded ({@code uploads/…}, recorded in
 * {@code voice_upload}), the spoken answers to it ({@code answers/…}, {@code voice_answer}) and everything their jobs wrote ({@code jobs/<jobId>/…}, {@link JobFiles}).
 * A user's jobs are those of their uploads and those whose outcome names them ({@code job_result.user_id}),
 * so a job kind added later is covered as long as its payload carries {@code userId}.
 */
final class UserFiles {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserFiles.class);

    private final Jdbi jdbi;
    private final Path dataDir;
    private final JobFiles jobFiles;

    UserFiles(Jdbi jdbi, Path dataDir) {
        this.jdbi = jdbi;
        this.dataDir = dataDir;
        this.jobFiles = new JobFiles(dataDir);
    }

    JobFiles jobFiles() {
        return jobFiles;
    }

    /** The ids of every job of {@code userId}, oldest upload first, then jobs without an upload. */
    static List<String> jobIds(Handle h, String userId) {
        return h.createQuery("""
                        SELECT job_id FROM (
                            SELECT job_id, created_at FROM voice_upload WHERE user_id = :u
                            UNION SELECT job_id, finished_at FROM job_result WHERE user_id = :u) jobs
                        GROUP BY job_id ORDER BY min(created_at), job_id""")
                .bind("u", userId).mapTo(String.class).list();
    }

    /** The paths (relative to DATA_DIR) of the audio {@code userId} uploaded. */
    static List<String> uploadPaths(Handle h, String userId) {
        return h.createQuery("SELECT path FROM voice_upload WHERE user_id = :u ORDER BY created_at, id").bind("u", userId)
                .mapTo(String.class).list();
    }

    /**
     * The file at {@code relative} when it belongs to {@code userId}: one of their uploads, or a file of
     * one of their jobs. Empty otherwise, also for a path that leaves DATA_DIR.
     */
    Optional<Path> owned(String userId, String relative) {
        Path file = dataDir.resolve(relative).normalize();
        if (!file.startsWith(dataDir.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] parts = relative.split("/");
        boolean mine = jdbi.withHandle(h -> {
            if (parts.length == 2 && parts[0].equals("uploads")) {
                return uploadPaths(h, userId).contains(relative);
            }
            if (parts.length == 2 && parts[0].equals(VoiceAnswers.DIRECTORY)) {
                return h.createQuery("SELECT EXISTS (SELECT 1 FROM voice_answer WHERE user_id = :u AND audio_path = :p)")
                        .bind("u", userId).bind("p", relative).mapTo(Boolean.class).one();
            }
            return parts.length >= 3 && parts[0].equals(JobFiles.DIRECTORY) && jobIds(h, userId).contains(parts[1]);
        });
        return mine ? Optional.of(file) : Optional.empty();
    }

    /** Deletes uploads and the jobs' directories; returns how many files went. Failures are left for the retention sweep's orphan pass. */
    int delete(List<String> uploadPaths, List<String> jobIds) {
        int deleted = 0;
        List<String> failed = new ArrayList<>();
        for (String path : uploadPaths) {
            try {
                deleted += Files.deleteIfExists(dataDir.resolve(path)) ? 1 : 0;
            } catch (IOException e) {
                failed.add(path);
            }
        }
        for (String jobId : jobIds) {
            try {
                deleted += jobFiles.delete(jobId);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                failed.add(JobFiles.DIRECTORY + "/" + jobId);
            }
        }
        if (!failed.isEmpty()) {
            // No row names them any more: the retention sweep's pass over files without an owner removes them.
            LOG.warn("could not delete {} file(s) or directories now; the retention sweep removes them", failed.size());
        }
        return deleted;
    }

    long size(String relative) {
        try {
            return Files.size(dataDir.resolve(relative));
        } catch (IOException e) {
            return -1;
        }
    }
}
