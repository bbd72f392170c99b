package dev.voiceplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack the parser accepts but the cloud cannot build fails with the file and the key to fix. */
class BadStackTest {
    @TempDir
    Path stacks;

    InfraRun runWith(String stack, String from, String to) throws Exception {
        String text = Files.readString(InfraRun.STACKS.resolve("Pulumi." + stack + ".yaml"));
        assertThat(text).contains(from);
        Files.writeString(stacks.resolve("Pulumi." + stack + ".yaml"), text.replace(from, to));
        return InfraRun.run(stacks, stack);
    }

    @Test
    void aPostgresHostThatIsNotAFlexibleServerNamesItsKey() throws Exception {
        InfraRun run = runWith("ai-ninja-staging", "postgresHost: ai-ninja-staging.postgres.database.azure.com",
                "postgresHost: db.example.com");
        assertThat(String.join("\n", run.result.errors()))
                .contains("Pulumi.ai-ninja-staging.yaml: voiceplane:managedStores.postgresHost: must be <name>.postgres.database.azure.com");
    }

    @Test
    void anEcrRegistryOutsideTheStacksRegionNamesItsKey() throws Exception {
        InfraRun run = runWith("bharatvoice-production", "registry: 123456789012.dkr.ecr.ap-south-1.amazonaws.com",
                "registry: 123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(String.join("\n", run.result.errors())).contains("voiceplane:images.registry: must be the ECR registry of the stack's region");
    }
}
