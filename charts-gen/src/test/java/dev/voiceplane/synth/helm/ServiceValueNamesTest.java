package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.stack.ServiceSettings;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The stack file's {@code voiceplane:services.<name>} entries and the chart's {@code services.<name>}
 * values are one vocabulary: the names are read off {@link ChartValues.ServiceValues} and fed to the
 * stack parser, which refuses any key it does not know.
 */
class ServiceValueNamesTest {

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void theStackKeysAreTheChartsServiceValueNames() {
        assertThat(ServiceSettings.KEYS).containsExactlyElementsOf(names(ChartValues.ServiceValues.class));
    }

    @Test
    void anEntryWrittenWithTheChartsNamesIsReadByTheStackParser() {
        List<String> service = names(ChartValues.ServiceValues.class);
        List<String> bounds = names(ChartValues.Resources.class);
        List<String> quantities = names(ChartValues.Quantities.class);
        String entry = "    realtime-processor:\n"
                + "      " + service.get(1) + ": 4\n"
                + "      " + service.get(2) + ": 30\n"
                + "      " + service.get(3) + ":\n"
                + "        " + bounds.get(0) + ": {" + quantities.get(0) + ": 300m, " + quantities.get(1) + ": 768Mi}\n"
                + "        " + bounds.get(1) + ": {" + quantities.get(0) + ": 600m, " + quantities.get(1) + ": 1536Mi}\n"
                + "      " + service.get(4) + ": 60\n"
                + "      " + service.get(5) + ": 75\n"
                + "    profile-analytics:\n"
                + "      " + service.get(0) + ": 2\n";
        StackConfig stack = StackConfigParser.parse("stacks/Pulumi.test.yaml", "test",
                "config:\n  voiceplane:system: ai-ninja\n  voiceplane:replicas: {min: 2, max: 6}\n  voiceplane:services:\n" + entry);
        assertThat(stack.service("realtime-processor")).isEqualTo(new ServiceSettings(new dev.voiceplane.stack.Replicas(4, 30),
                new ResourceBudget("300m", "768Mi", "600m", "1536Mi"),
                new ServiceSettings.Utilization(OptionalInt.of(60), OptionalInt.of(75))));
        assertThat(stack.service("profile-analytics").replicas()).isEqualTo(new dev.voiceplane.stack.Replicas(2, 2));
    }
}
