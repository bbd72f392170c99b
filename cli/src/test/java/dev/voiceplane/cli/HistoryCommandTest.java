package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history lists what apply recorded, against fabric8's mock API server. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    @Test
    void historyListsEachRecordedRevisionOldestFirst() throws Exception {
        try (MockCluster cluster = new MockCluster()) {
            String kubeconfig = cluster.kubeconfig(dir).toString();
            String stacks = CliRun.stacksDir().toString();
            CliRun empty = new CliRun();
            assertThat(empty.run("history", "--stack", "local", "--stacks-dir", stacks, "--kubeconfig", kubeconfig)).isZero();
            assertThat(empty.err()).contains("no recorded revisions of stack 'local'");

            for (String component : new String[] {"namespace", "storage"}) {
                CliRun apply = new CliRun();
                assertThat(apply.run("apply", "--stack", "local", "--stacks-dir", stacks, "--kubeconfig", kubeconfig, "--component", component))
                        .as(apply.err()).isZero();
            }
            CliRun history = new CliRun();
            assertThat(history.run("history", "--stack", "local", "--stacks-dir", stacks, "--kubeconfig", kubeconfig, "-o", "json")).isZero();
            JsonNode revisions = new ObjectMapper().readTree(history.out()).path("revisions");
            assertThat(revisions).hasSize(2);
            assertThat(revisions.get(0).path("number").asInt()).isEqualTo(1);
            assertThat(revisions.get(0).path("cause").asText()).isEqualTo("apply --component namespace");
            assertThat(revisions.get(1).path("cause").asText()).isEqualTo("apply --component storage");
            assertThat(revisions.get(1).path("objects").asInt()).isGreaterThan(revisions.get(0).path("objects").asInt());
        }
    }
}
