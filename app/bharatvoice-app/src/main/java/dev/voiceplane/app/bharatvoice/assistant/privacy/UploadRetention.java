package dev.voiceplane.app.bharatvoice.assistant.privacy;

import dev.voiceplane.app.bharatvoice.assistant.VoiceAnswers;
import dev.voiceplane.app.bharatvoice.assistant.VoiceUploads;
import dev.voiceplane.app.bharatvoice.queue.JobFiles;
import dev.voiceplane.app.bharatvoice.queue.JobQueue;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * How long uploaded audio and job results are kept: {@code UPLOAD_RETENTION_DAYS} (default
 * {@value #DEFAULT_DAYS}) after the upload, or after a job without an upload finished. Thirty days
 * lets a user fetch a result and ask again about it, while recordings of a person's voice are not
 * kept indefinitely (GDPR Art. 5(1)(e), storage limitation). The sweep deletes the rows, the jobs'
 * Redis entries and the files; then it removes files no row owns any more (an erasure that could
 * not delete one, an attempt a crash interrupted) once they are older than {@link #ORPHAN_GRACE},
 * so an upload still being recorded or a job still running is never touched. Queries stay until
 * the user erases them: they are the history the user reads back.
 *
 * <p>Every replica sweeps (hourly, first {@link #FIRST_SWEEP} after start); a second replica's sweep
 * finds nothing left. Deletes go in batches so a first sweep over a backlog holds no long locks.
 */
public final class UploadRetention {

    public static final int DEFAULT_DAYS = 30;
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    static final Duration FIRST_SWEEP = Duration.ofMinutes(5);
    /** Far longer than an upload takes to be recorded and a job to run; shorter than any retention. */
    static final Duration ORPHAN_GRACE = Duration.ofHours(6);
    static final int BATCH = 200;

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final Path dataDir;
    private final UserFiles files;
    private final Clock clock;
    private final Duration keep;

    UploadRetention(Jdbi jdbi, JobQueue queue, Path dataDir, Clock clock, Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("upload retention must be positive, got " + keep);
        }
        this.jdbi = jdbi;
        this.queue = queue;
        this.dataDir = dataDir;
        this.files = new UserFiles(jdbi, dataDir);
        this.clock = clock;
        this.keep = keep;
    }

    /** The bound from the catalog's {@code UPLOAD_RETENTION_DAYS}, {@value #DEFAULT_DAYS} days when unset. */
    static Duration from(ServiceConfig config) {
        return config.retentionDays(Env.UPLOAD_RETENTION_DAYS, DEFAULT_DAYS);
    }

    /** One sweep; returns how many uploads, job results and files went. */
    Map<String, Integer> sweep() {
        Instant cutoff = clock.instant().minus(keep);
        int uploads = 0;
        int results = 0;
        int deletedFiles = 0;
        List<Expired> batch;
        while (!(batch = expire(cutoff)).isEmpty()) {
            List<String> jobs = batch.stream().map(Expired::jobId).filter(j -> j != null).distinct().toList();
            queue.purge(jobs);
            deletedFiles += files.delete(batch.stream().map(Expired::uploadPath).filter(p -> p != null).toList(), jobs);
            uploads += (int) batch.stream().filter(e -> e.jobId() != null && e.uploadPath() != null).count();
            results += (int) batch.stream().filter(Expired::hadResult).count();
        }
        Map<String, Integer> swept = new LinkedHashMap<>();
        swept.put("uploads", uploads);
        swept.put("jobResults", results);
        swept.put("files", deletedFiles);
        swept.put("orphanFiles", deleteOrphans());
        return swept;
    }

    /** A row past retention, already deleted: the upload's file (null for a job without one) and the job. */
    private record Expired(String uploadPath, String jobId, boolean hadResult) {
    }

    /** Deletes one batch of expired uploads (with their jobs' results) and expired results without an upload. */
    private List<Expired> expire(Instant cutoff) {
        return jdbi.inTransaction(h -> {
            List<Expired> expired = new ArrayList<>();
            for (Map<String, Object> upload : h.createQuery("""
                            DELETE FROM voice_upload WHERE id IN (SELECT id FROM voice_upload WHERE created_at < :cutoff LIMIT :batch)
                            RETURNING id, path, job_id""")
                    .bind("cutoff", cutoff).bind("batch", BATCH).mapToMap().list()) {
                String jobId = (String) upload.get("job_id");
                h.createQuery("DELETE FROM voice_answer WHERE upload_id = :id RETURNING audio_path").bind("id", upload.get("id"))
                        .mapTo(String.class).findOne().ifPresent(audio -> expired.add(new Expired(audio, null, false)));
                boolean hadResult = h.createUpdate("DELETE FROM job_result WHERE job_id = :id").bind("id", jobId).execute() > 0;
                expired.add(new Expired((String) upload.get("path"), jobId, hadResult));
            }
            if (expired.isEmpty()) {
                h.createQuery("""
                                DELETE FROM job_result WHERE job_id IN (SELECT job_id FROM job_result WHERE finished_at < :cutoff LIMIT :batch)
                                RETURNING job_id""")
                        .bind("cutoff", cutoff).bind("batch", BATCH).mapTo(String.class).list()
                        .forEach(jobId -> expired.add(new Expired(null, jobId, true)));
            }
            return expired;
        });
    }

    /** Files on the volume that no upload or job row owns, older than {@link #ORPHAN_GRACE}; returns how many went. */
    private int deleteOrphans() {
        Instant before = clock.instant().minus(ORPHAN_GRACE);
        int deleted = 0;
        for (String[] owner : List.of(new String[] {VoiceUploads.DIRECTORY, "SELECT EXISTS (SELECT 1 FROM voice_upload WHERE path = :p)"},
                new String[] {VoiceAnswers.DIRECTORY, "SELECT EXISTS (SELECT 1 FROM voice_answer WHERE audio_path = :p)"})) {
            for (Path file : olderThan(dataDir.resolve(owner[0]), before)) {
                String path = owner[0] + "/" + file.getFileName();
                boolean owned = jdbi.withHandle(h -> h.createQuery(owner[1]).bind("p", path).mapTo(Boolean.class).one());
                if (!owned && deleteQuietly(file)) {
                    deleted++;
                }
            }
        }
        JobFiles jobFiles = files.jobFiles();
        for (String jobId : jobFiles.jobsWithFiles()) {
            Path directory = jobFiles.directory(jobId);
            boolean owned = jdbi.withHandle(h -> h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM voice_upload WHERE job_id = :id) OR EXISTS (SELECT 1 FROM job_result WHERE job_id = :id)""")
                    .bind("id", jobId).mapTo(Boolean.class).one());
            if (!owned && modifiedBefore(directory, before) && queue.find(jobId).isEmpty()) {
                deleted += jobFiles.delete(jobId);
            }
        }
        return deleted;
    }

    private static List<Path> olderThan(Path directory, Instant before) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile).filter(f -> modifiedBefore(f, before)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean modifiedBefore(Path path, Instant before) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
