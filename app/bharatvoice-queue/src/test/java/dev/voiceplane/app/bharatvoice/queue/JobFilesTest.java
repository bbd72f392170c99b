package dev.voiceplane.app.bharatvoice.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void aJobsFilesAreListedRelativeToTheDataDirectoryAndDeletedTogether() throws Exception {
        JobFiles files = new JobFiles(dataDir);
        String jobId = JobQueue.newId();
        Path directory = files.directory(jobId);
        Files.createDirectories(directory.resolve("audio"));
        Files.writeString(directory.resolve("transcript.txt"), "words");
        Files.write(directory.resolve("audio/answer.wav"), new byte[] {1, 2});
        String other = JobQueue.newId();
        Files.createDirectories(files.directory(other));
        Files.writeString(files.directory(other).resolve("kept.txt"), "other job");

        assertThat(files.list(jobId)).containsExactly("jobs/" + jobId + "/audio/answer.wav", "jobs/" + jobId + "/transcript.txt");
        assertThat(files.jobsWithFiles()).containsExactlyInAnyOrder(jobId, other);
        assertThat(files.delete(jobId)).isEqualTo(2);
        assertThat(directory).doesNotExist();
        assertThat(files.list(jobId)).isEmpty();
        assertThat(files.delete(jobId)).as("deleting again is a no-op").isZero();
        assertThat(files.list(other)).containsExactly("jobs/" + other + "/kept.txt");
    }

    @Test
    void onlyAJobIdBecomesAPath() {
        JobFiles files = new JobFiles(dataDir);
        assertThatThrownBy(() -> files.directory("../uploads")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../uploads");
        assertThatThrownBy(() -> files.delete("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
