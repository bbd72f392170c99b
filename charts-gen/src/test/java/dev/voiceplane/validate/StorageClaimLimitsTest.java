package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every claim of every stack is one its cloud would provision with the parameters of its class, by
 * validate's own rule ({@link StorageLimits}, whose cases StorageLimitsTest feeds): EBS refuses the
 * volume otherwise and the pod stays Pending. st1's 125 GiB minimum is what keeps a small claim off
 * the AWS bulk-storage tier (StorageTiers).
 */
class StorageClaimLimitsTest {
    @Test
    void everyClaimFitsTheLimitsOfItsClass() {
        List<String> problems = new ArrayList<>();
        int ebsClaims = 0;
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            Model model = Inputs.stack(stack, Synthesizer.synth(stack), "dist");
            ebsClaims += (int) StorageLimits.claims(model).stream()
                    .filter(c -> model.find("StorageClass", "", c.storageClass())
                            .filter(sc -> sc.at("/provisioner").asText().equals("ebs.csi.aws.com")).isPresent())
                    .count();
            Findings findings = new Findings(StorageLimits.SPEC);
            StorageLimits.rule().check(model, findings);
            findings.list().forEach(f -> problems.add(name + " " + f.finding().object().kind() + "/" + f.finding().object().name() + ": " + f.finding().message()));
        }
        assertThat(ebsClaims).as("EBS claims checked").isGreaterThan(4);
        assertThat(problems).isEmpty();
    }
}
