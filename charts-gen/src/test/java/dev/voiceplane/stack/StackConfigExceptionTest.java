package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackConfigExceptionTest {
    private static ConfigProblem at(String file, int line) {
        return new ConfigProblem(file, line, "voiceplane:replicas.min", "must be between 1 and 100, got 0");
    }

    @Test
    void theSummaryNamesTheFileAndCountsOneProblemInTheSingular() {
        StackConfigException e = new StackConfigException(List.of(at("stacks/Pulumi.local.yaml", 28)));
        assertThat(e.summary()).isEqualTo("Pulumi.local.yaml has 1 problem");
    }

    @Test
    void theSummaryCountsSeveralProblemsInThePlural() {
        StackConfigException e = new StackConfigException(List.of(at("/s/Pulumi.t.yaml", 3), at("/s/Pulumi.t.yaml", 7), at("/s/Pulumi.t.yaml", 9)));
        assertThat(e.summary()).isEqualTo("Pulumi.t.yaml has 3 problems");
    }

    @Test
    void problemsInSeveralFilesAreSummedUpWithoutNamingOne() {
        StackConfigException e = new StackConfigException(List.of(at("/s/Pulumi.a.yaml", 3), at("/s/Pulumi.b.yaml", 7)));
        assertThat(e.summary()).isEqualTo("the stack files have 2 problems");
    }

    @Test
    void theMessageStillListsEveryProblemWithItsPlace() {
        StackConfigException e = new StackConfigException(List.of(at("/s/Pulumi.t.yaml", 3), at("/s/Pulumi.t.yaml", 7)));
        assertThat(e.getMessage()).isEqualTo("/s/Pulumi.t.yaml:3: voiceplane:replicas.min: must be between 1 and 100, got 0\n"
                + "/s/Pulumi.t.yaml:7: voiceplane:replicas.min: must be between 1 and 100, got 0");
    }
}
