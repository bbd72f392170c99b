package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsii (cdk8s's runtime on Node) caches packages under $HOME/.cache/aws/jsii; with a HOME that cannot
 * hold it the CLI says so in one line instead of a Node stack trace. Runs the CLI in a fresh JVM,
 * since HOME is read by the Node process jsii starts.
 */
class UnwritableHomeTest {
    @TempDir
    Path dir;

    @Test
    void aHomeThatIsAFileIsExplainedWithoutANodeStackTrace() throws Exception {
        Path home = Files.writeString(dir.resolve("home-is-a-file"), "x");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Voiceplane.class.getName(), "synth", "--stack", "local",
                "--stacks-dir", CliRun.stacksDir().toString(), "--out", dir.resolve("out").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("JSII_RUNTIME_PACKAGE_CACHE_ROOT");
        builder.environment().remove("JSII_RUNTIME_PACKAGE_CACHE");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(ExitCode.FAILURE);
        assertThat(output).contains("error: the cdk8s runtime (jsii on Node) failed: ENOTDIR")
                .contains("HOME must be writable, or set JSII_RUNTIME_PACKAGE_CACHE_ROOT").doesNotContain("    at ");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
