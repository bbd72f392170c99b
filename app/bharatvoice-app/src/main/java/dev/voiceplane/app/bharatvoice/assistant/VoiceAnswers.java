package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.bharatvoice.queue.ErasedUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Voice queries' outcomes ({@code voice_answer}) and their spoken answers under
 * {@code DATA_DIR/answers/}: written by the worker, read by the assistant for {@code GET
 * /api/jobs/{id}} and its audio. The audio file is written first and renamed into place, then the row.
 *
 * <p>Deleting them is the privacy package's alone: {@code UserErasure} (a user's erasure) and
 * {@code UploadRetention} (the retention sweep, and its pass over files no row owns) remove the rows
 * together with the upload they answer, so there is one place that decides when a voice goes.
 */
public final class VoiceAnswers {

    public static final String DIRECTORY = "answers";

    /** One stored answer. {@code audioPath} is relative to DATA_DIR. */
    public record VoiceAnswer(String uploadId, String userId, String transcript, String language, double confidence, String topic,
                              String answer, String audioPath, long audioBytes, String provider, Instant createdAt) {
    }

    private final Jdbi jdbi;
    private final Path dataDir;

    public VoiceAnswers(Jdbi jdbi, Path dataDir) {
        this.jdbi = jdbi;
        this.dataDir = dataDir;
    }

    /** Writes {@code audio} (a WAV file) to {@code answers/<uploadId>.wav} atomically; returns its path relative to DATA_DIR. */
    public String writeAudio(String uploadId, byte[] audio) {
        Path directory = dataDir.resolve(DIRECTORY);
        Path target = directory.resolve(uploadId + ".wav");
        Path partial = directory.resolve(uploadId + ".wav.part");
        try {
            Files.createDirectories(directory);
            Files.write(partial, audio);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the answer audio of upload " + uploadId, e);
        }
        return DIRECTORY + "/" + target.getFileName();
    }

    /**
     * Records the outcome; a job run again after a crash replaces its earlier row. Written under the
     * user's erasure lock ({@link ErasedUsers}): when the user was erased while the job ran, the
     * answer's audio is deleted, nothing is written and {@link ErasedUsers.UserErasedException} is thrown.
     */
    public void record(VoiceAnswer a) {
        boolean written = jdbi.inTransaction(h -> {
            if (!ErasedUsers.writableFor(h, a.userId())) {
                return false;
            }
            insert(h, a);
            return true;
        });
        if (!written) {
            try {
                Files.deleteIfExists(resolve(a.audioPath()));
            } catch (IOException e) {
                // no row names it: the retention sweep's pass over files without an owner removes it
            }
            throw new ErasedUsers.UserErasedException(a.userId());
        }
    }

    private static void insert(org.jdbi.v3.core.Handle handle, VoiceAnswer a) {
        handle.createUpdate("""
                INSERT INTO voice_answer (upload_id, user_id, transcript, language, confidence, topic, answer, audio_path, audio_bytes,
                    provider, created_at)
                VALUES (:uploadId, :userId, :transcript, :language, :confidence, :topic, :answer, :audioPath, :audioBytes, :provider, :createdAt)
                ON CONFLICT (upload_id) DO UPDATE SET transcript = EXCLUDED.transcript, language = EXCLUDED.language,
                    confidence = EXCLUDED.confidence, topic = EXCLUDED.topic, answer = EXCLUDED.answer, audio_path = EXCLUDED.audio_path,
                    audio_bytes = EXCLUDED.audio_bytes, provider = EXCLUDED.provider, created_at = EXCLUDED.created_at""")
                .bindMethods(a).execute();
    }

    /** The answer of the upload whose job is {@code jobId}. */
    public Optional<VoiceAnswer> ofJob(String jobId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.upload_id, a.user_id, a.transcript, a.language, a.confidence, a.topic, a.answer, a.audio_path, a.audio_bytes,
                            a.provider, a.created_at
                        FROM voice_answer a JOIN voice_upload u ON u.id = a.upload_id WHERE u.job_id = :jobId""")
                .bind("jobId", jobId)
                .map((rs, ctx) -> new VoiceAnswer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getTimestamp(11).toInstant()))
                .findOne());
    }

    /** The file under DATA_DIR a stored relative path names; never outside it. */
    public Path resolve(String relative) {
        Path path = dataDir.resolve(relative).normalize();
        if (!path.startsWith(dataDir.normalize())) {
            throw new IllegalArgumentException("stored path '" + relative + "' leaves DATA_DIR");
        }
        return path;
    }
}
