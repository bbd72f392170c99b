package dev.voiceplane.stack;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeployTimeValuesTest {
    private static StackConfig stack(String name) {
        return new StackFiles(Path.of("..", "stacks")).load(name);
    }

    @Test
    void anAzureStackLeavesItsIdentityAndTenantToInfra() {
        StackConfig staging = stack("ai-ninja-staging");

        assertThat(DeployTimeValues.missing(staging)).containsExactly("voiceplane:vault.identity", "voiceplane:vault.tenantId");
        StackConfig deployed = DeployTimeValues.withStandIns(staging);
        assertThat(DeployTimeValues.missing(deployed)).isEmpty();
        assertThat(deployed.cloudIdentities().tenantId()).isEqualTo(DeployTimeValues.STAND_IN_UUID);
        assertThat(deployed.cloudIdentities().vaultUrl()).isEqualTo(staging.cloudIdentities().vaultUrl());
    }

    @Test
    void anAwsStackStandsInARoleArnAndALocalStackNeedsNothing() {
        StackConfig bharatvoice = DeployTimeValues.withStandIns(stack("bharatvoice-staging"));
        assertThat(bharatvoice.cloudIdentities().vaultIdentity()).isEqualTo(DeployTimeValues.STAND_IN_ROLE);
        assertThat(bharatvoice.cloudIdentities().tenantId()).isEmpty();

        StackConfig local = stack("local");
        assertThat(DeployTimeValues.missing(local)).isEmpty();
        assertThat(DeployTimeValues.withStandIns(local)).isSameAs(local);
    }
}
