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
        assertThat(String.join("\n", run.errors()))
                .contains("Pulumi.ai-ninja-staging.yaml: voiceplane:managedStores.postgresHost: must be <name>.postgres.database.azure.com");
    }

    @Test
    void aRoleArnThatIsNotOneNamesItsKey() throws Exception {
        InfraRun run = runWith("bharatvoice-staging", "  voiceplane:backups:\n",
                "  voiceplane:vault:\n    identity: arn:aws:iam::111122223333:user/someone\n  voiceplane:backups:\n");
        assertThat(String.join("\n", run.errors())).contains("Pulumi.bharatvoice-staging.yaml").contains("voiceplane:vault.identity");
    }

    @Test
    void anEcrRegistryOutsideTheStacksRegionNamesItsKey() throws Exception {
        InfraRun run = runWith("bharatvoice-production", "  voiceplane:images:\n",
                "  voiceplane:images:\n    registry: 111122223333.dkr.ecr.eu-west-1.amazonaws.com\n");
        assertThat(String.join("\n", run.errors())).contains("voiceplane:images.registry: must be the ECR registry of the stack's region");
    }
}
