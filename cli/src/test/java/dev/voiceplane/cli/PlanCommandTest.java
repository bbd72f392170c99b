package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code voiceplane plan}: infra's program against the mock cloud, from the command line. */
class PlanCommandTest {
    private final CliRun cli = new CliRun();

    @Test
    void jsonListsTheGraphWithProvidersDependenciesAndNoSecretValue() throws Exception {
        int code = cli.run("plan", "--stack", "bharatvoice-staging", "--stacks-dir", CliRun.stacksDir().toString(), "-o", "json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(cli.out()).get(0);
        assertThat(plan.path("stack").asText()).isEqualTo("bharatvoice-staging");
        assertThat(plan.path("errors")).isEmpty();
        JsonNode app = null;
        for (JsonNode r : plan.path("resources")) {
            if (r.path("name").asText().equals("bharatvoice-staging-charts") && r.path("type").asText().endsWith(":Release")) {
                app = r;
            }
            if (r.path("type").asText().startsWith("aws:")) {
                assertThat(r.path("provider").asText()).isEqualTo("aws::bharatvoice-staging-aws");
            }
        }
        assertThat(app).isNotNull();
        assertThat(app.path("dependsOn").toString()).contains("bharatvoice-staging-addons-cert-manager");
        assertThat(app.at("/inputs/chart").asText()).startsWith("<charts>/");
        assertThat(cli.out()).contains("\"kubeconfig\" : \"[secret]\"").doesNotContain("plan-only-secret");
    }

    @Test
    void theSamePlanTwiceIsByteIdentical() {
        String dir = CliRun.stacksDir().toString();
        assertThat(cli.run("plan", "--stack", "local", "--stacks-dir", dir, "-o", "json")).isZero();
        String first = cli.out();
        CliRun again = new CliRun();
        assertThat(again.run("plan", "--stack", "local", "--stacks-dir", dir, "-o", "json")).isZero();
        assertThat(again.out()).isEqualTo(first).contains("\"stringData\" : \"[secret]\"");
    }

    @Test
    void aStackFileWithErrorsIsBadInputBeforeAnyPlanning(@TempDir Path stacks) throws Exception {
        Files.writeString(stacks.resolve("Pulumi.broken.yaml"), "config:\n  voiceplane:system: nobody\n");
        assertThat(cli.run("plan", "--stack", "broken", "--stacks-dir", stacks.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("voiceplane:system");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aProgramThatFailsIsAFailureNamingTheStackAndTheKey(@TempDir Path stacks) throws Exception {
        String text = Files.readString(CliRun.stacksDir().resolve("Pulumi.ai-ninja-staging.yaml"));
        Files.writeString(stacks.resolve("Pulumi.ai-ninja-staging.yaml"),
                text.replace("postgresHost: ai-ninja-staging.postgres.database.azure.com", "postgresHost: db.example.com"));
        assertThat(cli.run("plan", "--stack", "ai-ninja-staging", "--stacks-dir", stacks.toString())).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("ai-ninja-staging: ").contains("voiceplane:managedStores.postgresHost");
    }

    @Test
    void benchReportsMediansPerStackAgainstSynthesis() throws Exception {
        int code = cli.run("plan", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--bench", "1", "-o", "json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode local = new ObjectMapper().readTree(cli.out()).path("local");
        assertThat(local.path("planMedianMillis").asLong()).isPositive();
        assertThat(local.path("synthMedianMillis").asLong()).isPositive();
        assertThat(local.path("runs").asInt()).isEqualTo(1);
    }
}
