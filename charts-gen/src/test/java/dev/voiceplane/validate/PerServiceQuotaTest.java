package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Validate's quota rule counts each service at its own bounds from {@code voiceplane:services}, not the system-wide ones. */
class PerServiceQuotaTest {
    private static final Pattern REQUESTS_CPU = Pattern.compile("requests\\.cpu ([0-9.]+) CPU of");

    /** The repository's stack file with one line of {@code voiceplane:services} added. */
    private static StackConfig withServices(String stack, String services) throws IOException {
        String file = Files.readString(Testing.stacks().fileOf(stack));
        return StackConfigParser.parse("stacks/Pulumi." + stack + ".yaml", stack,
                file.replace("  voiceplane:replicas:\n", "  voiceplane:services: " + services + "\n  voiceplane:replicas:\n"));
    }

    private static Model model(StackConfig stack) {
        return Inputs.stack(stack, Synthesizer.synth(stack), "dist");
    }

    private static double requestsCpuAtMaximum(Model model) {
        Matcher m = REQUESTS_CPU.matcher(String.join("\n", new QuotaAdmission().notes(model)));
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theHeadroomAtMaximumCountsOneServicesRaisedMaximum() throws IOException {
        double before = requestsCpuAtMaximum(model(Testing.stack("ai-ninja-production")));
        double after = requestsCpuAtMaximum(model(withServices("ai-ninja-production", "{realtime-processor: {maxReplicas: 30}}")));
        // Ten more realtime-processor pods, each 500m plus its mesh proxy's 100m.
        assertThat(after - before).isEqualTo(6.0);
    }

    @Test
    void aServicesMinimumTheQuotaCannotHoldIsAFinding() throws IOException {
        Model model = model(withServices("bharatvoice-production", "{bharatvoice-app: {minReplicas: 14}}"));
        Findings findings = new Findings(QuotaAdmission.SPEC);
        new QuotaAdmission().check(model, findings);
        assertThat(findings.list()).extracting(f -> f.finding().message())
                .anySatisfy(m -> assertThat(m).startsWith("requests.cpu is 8 but the namespace needs"));
        Findings unchanged = new Findings(QuotaAdmission.SPEC);
        new QuotaAdmission().check(model(Testing.stack("bharatvoice-production")), unchanged);
        assertThat(unchanged.list()).as("the stack as it is fits").isEmpty();
    }
}
