package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth's output directories get the permissions mkdir would give them under this process's umask, not a temp directory's 0700. */
class OutputUmaskTest {
    @TempDir
    Path dir;

    @Test
    void anOutputDirectoryHasTheUmasksPermissions() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("made-by-mkdir"));
        CliRun cli = new CliRun();
        assertThat(cli.run("synth", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dir.resolve("out").toString()))
                .as(cli.err()).isZero();
        assertThat(Files.getPosixFilePermissions(dir.resolve("out").resolve("local"))).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
