package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply waits for the workloads it wrote to roll out, against fabric8's mock API server, where the
 * test plays the controllers: it writes each workload's status as the Deployment and StatefulSet
 * controllers would once pods are up (or are not).
 */
class ApplyRolloutTest {
    private static final String NS = "ai-ninja";

    @TempDir
    Path dir;

    private MockCluster cluster;
    private CliRun cli;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private CompletableFuture<Integer> apply(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("apply", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(),
                "--kubeconfig", cluster.kubeconfig(dir).toString(), "--component", "core-services"));
        args.addAll(List.of(extra));
        cli = new CliRun();
        return CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));
    }

    /** The revision is recorded after every object is applied and before the wait: then all workloads exist. */
    private void awaitApplied() throws Exception {
        cluster.client().configMaps().inNamespace(NS).withName("voiceplane-local-rev-1")
                .informOnCondition(maps -> !maps.isEmpty()).get(30, TimeUnit.SECONDS);
    }

    /** Polls stderr until the CLI has reported {@code text}; the bound only guards against a hang. */
    private void awaitProgress(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cli.err().contains(text)) {
            assertThat(System.nanoTime()).as("stderr never reported '%s':%n%s", text, cli.err()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void ready(Deployment d) {
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas).withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
        cluster.client().apps().deployments().inNamespace(NS).resource(d).updateStatus();
    }

    private void ready(StatefulSet s) {
        int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        long generation = s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration();
        s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas).withReadyReplicas(replicas)
                .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).build());
        cluster.client().apps().statefulSets().inNamespace(NS).resource(s).updateStatus();
    }

    @Test
    void applySucceedsOnceEveryWorkloadHasRolledOut() throws Exception {
        CompletableFuture<Integer> run = apply("--timeout", "60");
        awaitApplied();
        cluster.client().apps().statefulSets().inNamespace(NS).list().getItems().forEach(this::ready);
        // The progress line of a not-yet-ready Deployment is part of what is asserted: make the Deployments ready only
        // once one has been reported (the stores are waited for first), or a fast status update races the first poll.
        awaitProgress("0/1 available");
        cluster.client().apps().deployments().inNamespace(NS).list().getItems().forEach(this::ready);

        assertThat(run.get(90, TimeUnit.SECONDS)).as(cli.err()).isZero();
        assertThat(cli.err()).contains("Waiting up to 60 s for the rollout").contains("0/1 available").contains("1/1 available");
    }

    @Test
    void aWorkloadThatDoesNotRollOutIsNamedWithItsConditionAndEventsAndExitsThree() throws Exception {
        CompletableFuture<Integer> run = apply("--timeout", "10", "-o", "json");
        awaitApplied();
        cluster.client().apps().statefulSets().inNamespace(NS).list().getItems().forEach(this::ready);
        List<Deployment> deployments = cluster.client().apps().deployments().inNamespace(NS).list().getItems();
        deployments.subList(1, deployments.size()).forEach(this::ready);
        Deployment stuck = deployments.get(0);
        stuck.setStatus(new DeploymentStatusBuilder().withReplicas(1).withUnavailableReplicas(1).withConditions(new DeploymentConditionBuilder()
                .withType("Available").withStatus("False").withReason("MinimumReplicasUnavailable")
                .withMessage("Deployment does not have minimum availability.").build()).build());
        cluster.client().apps().deployments().inNamespace(NS).resource(stuck).updateStatus();
        cluster.client().v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName("stuck.1").endMetadata()
                .withNewInvolvedObject().withKind("Deployment").withName(stuck.getMetadata().getName()).withNamespace(NS).endInvolvedObject()
                .withType("Warning").withReason("FailedScheduling").withMessage("0/3 nodes are available: 3 Insufficient cpu.")
                .withLastTimestamp("2026-11-30T05:00:00Z").build()).create();

        assertThat(run.get(90, TimeUnit.SECONDS)).isEqualTo(ExitCode.UNEXPECTED_STATE);
        String object = "Deployment/ai-ninja/" + stuck.getMetadata().getName();
        assertThat(cli.err()).contains("not ready: " + object + ": 0/1 available, 0/1 updated after 10 s")
                .contains("condition Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.")
                .contains("event Warning FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.")
                .contains("1 workload(s) of stack 'local' did not roll out");
        // Not an error but a result: stdout is the apply report alone, naming what is not ready.
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.path("notReady").path(object).asText()).contains("MinimumReplicasUnavailable");
    }

    @Test
    void noWaitReturnsOnceApplied() throws Exception {
        assertThat(apply("--no-wait").get(60, TimeUnit.SECONDS)).as(cli.err()).isZero();
        assertThat(cli.err()).doesNotContain("Waiting");
    }
}
