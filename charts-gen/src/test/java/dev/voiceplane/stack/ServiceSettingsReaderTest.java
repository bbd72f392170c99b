package dev.voiceplane.stack;

import static dev.voiceplane.stack.StackText.FILE;
import static dev.voiceplane.stack.StackText.parse;
import static dev.voiceplane.stack.StackText.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code voiceplane:services}: per-service replicas, resources and HPA targets with the Helm chart's value names. */
class ServiceSettingsReaderTest {
    /** A staging ai-ninja stack that scales 2–6, sized 200m/512Mi requests and 400m/1Gi limits; entries go below it. */
    private static final String AI_NINJA = """
            config:
              voiceplane:system: ai-ninja
              voiceplane:replicas: {min: 2, max: 6}
              voiceplane:podResources: {requestCpu: 200m, requestMemory: 512Mi, limitCpu: 400m, limitMemory: 1Gi}
              voiceplane:services:
            """;

    @Test
    void aServiceWithoutAnEntryGetsTheSystemWideValuesAndTheGuidesTargets() {
        StackConfig stack = parse(AI_NINJA.replace("  voiceplane:services:\n", ""));
        assertThat(stack.services()).hasSize(6);
        assertThat(stack.service("smart-whitelist")).isEqualTo(new ServiceSettings(new Replicas(2, 6),
                new ResourceBudget("200m", "512Mi", "400m", "1Gi"), ServiceSettings.Utilization.GUIDE));
    }

    @Test
    void aWorkerWithoutAnEntryGetsTheWorkerReplicas() {
        StackConfig stack = parse("""
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:replicas: {min: 2, max: 8}
                  voiceplane:workerReplicas: {min: 1, max: 4}
                """);
        assertThat(stack.service("bharatvoice-worker").replicas()).isEqualTo(new Replicas(1, 4));
        assertThat(stack.service("bharatvoice-app").replicas()).isEqualTo(new Replicas(2, 8));
    }

    @Test
    void maxReplicasAloneRaisesThatServicesMaximumAndNothingElse() {
        StackConfig stack = parse(AI_NINJA + "    realtime-processor: {maxReplicas: 30}\n");
        assertThat(stack.service("realtime-processor").replicas()).isEqualTo(new Replicas(2, 30));
        assertThat(stack.service("realtime-processor").resources()).isEqualTo(stack.podResources());
        assertThat(stack.service("conversation-engine").replicas()).isEqualTo(new Replicas(2, 6));
    }

    @Test
    void minReplicasAboveTheSystemMaximumTakesTheMaximumAlong() {
        assertThat(parse(AI_NINJA + "    realtime-processor: {minReplicas: 8}\n").service("realtime-processor").replicas())
                .isEqualTo(new Replicas(8, 8));
    }

    @Test
    void replicasFixesTheCount() {
        assertThat(parse(AI_NINJA + "    profile-analytics: {replicas: 1}\n").service("profile-analytics").replicas())
                .isEqualTo(new Replicas(1, 1));
    }

    @Test
    void eachQuantityOfAnEntryReplacesOnlyItself() {
        StackConfig stack = parse(AI_NINJA + """
                    conversation-engine:
                      resources:
                        requests: {cpu: 300m}
                        limits: {memory: 2Gi}
                """);
        assertThat(stack.service("conversation-engine").resources()).isEqualTo(new ResourceBudget("300m", "512Mi", "400m", "2Gi"));
    }

    @Test
    void targetsReplaceTheGuidesFiguresOneByOne() {
        StackConfig stack = parse(AI_NINJA + "    realtime-processor: {targetCPUUtilizationPercentage: 60}\n");
        assertThat(stack.service("realtime-processor").targets())
                .isEqualTo(new ServiceSettings.Utilization(OptionalInt.of(60), OptionalInt.empty()));
    }

    @Test
    void aNameThatIsNoServiceOfTheSystemIsRefusedWithTheClosestName() {
        StackConfigException e = problems(AI_NINJA + "    realtime-procesor: {maxReplicas: 30}\n");
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(FILE
                + ":6: voiceplane:services.realtime-procesor: no ai-ninja service is named 'realtime-procesor'; did you mean 'realtime-processor'?");
    }

    @Test
    void aServiceOfTheOtherSystemIsRefusedListingThisSystemsServices() {
        assertThat(problems(AI_NINJA + "    bharatvoice-app: {maxReplicas: 30}\n").getMessage()).contains(
                ":6: voiceplane:services.bharatvoice-app: no ai-ninja service is named 'bharatvoice-app'; its services are user-management, ");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheHelmName() {
        StackConfigException e = problems(AI_NINJA + "    realtime-processor:\n      max: 30\n");
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":7: voiceplane:services.realtime-processor.max: unknown key; a service's bounds take the Helm chart's names: maxReplicas");
    }

    @Test
    void aMisspelledKeyIsRefusedWithTheClosestKey() {
        assertThat(problems(AI_NINJA + "    realtime-processor:\n      maxReplica: 30\n").getMessage())
                .contains(":7: voiceplane:services.realtime-processor.maxReplica: unknown key; did you mean 'maxReplicas'?");
    }

    @Test
    void anUnknownResourceKeyIsRefused() {
        assertThat(problems(AI_NINJA + "    realtime-processor:\n      resources:\n        request: {cpu: 1}\n").getMessage())
                .contains(":8: voiceplane:services.realtime-processor.resources.request: unknown key; did you mean 'requests'?");
    }

    @Test
    void minReplicasAboveMaxReplicasIsRefusedAtMaxReplicas() {
        StackConfigException e = problems(AI_NINJA + "    realtime-processor:\n      minReplicas: 5\n      maxReplicas: 4\n");
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":8: voiceplane:services.realtime-processor.maxReplicas: must not be below minReplicas 5, got 4");
    }

    @Test
    void maxReplicasBelowTheSystemMinimumNamesWhereTheMinimumComesFrom() {
        assertThat(problems(AI_NINJA + "    realtime-processor: {maxReplicas: 1}\n").getMessage()).contains(
                ":6: voiceplane:services.realtime-processor.maxReplicas: must not be below minReplicas 2 (voiceplane:replicas.min), got 1");
    }

    @Test
    void aRequestAboveTheInheritedLimitNamesTheLimitsKey() {
        StackConfigException e = problems(AI_NINJA + "    realtime-processor:\n      resources:\n        requests: {cpu: 600m}\n");
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(FILE
                + ":8: voiceplane:services.realtime-processor.resources.requests.cpu: 600m is above the limit 400m"
                + " (voiceplane:podResources.limitCpu): Kubernetes refuses a container whose request exceeds its limit");
    }

    @Test
    void aRequestAboveItsOwnLimitNamesTheLimit() {
        assertThat(problems(AI_NINJA + "    realtime-processor:\n      resources:\n        requests: {memory: 2Gi}\n        limits: {memory: 1Gi}\n")
                .getMessage()).contains("resources.requests.memory: 2Gi is above the limit 1Gi (limits.memory)");
    }

    @Test
    void aLimitBelowTheInheritedRequestIsRefusedAtTheLimit() {
        assertThat(problems(AI_NINJA + "    realtime-processor:\n      resources:\n        limits: {memory: 256Mi}\n").getMessage())
                .contains(":8: voiceplane:services.realtime-processor.resources.limits.memory: 256Mi is below the request 512Mi"
                        + " (voiceplane:podResources.requestMemory)");
    }

    @Test
    void replicasWithBoundsIsRefused() {
        assertThat(problems(AI_NINJA + "    realtime-processor: {replicas: 2, maxReplicas: 4}\n").getMessage())
                .contains("voiceplane:services.realtime-processor.maxReplicas: cannot be set with replicas, which fixes the count");
    }

    @Test
    void aTargetOnAServiceThatDoesNotScaleIsRefused() {
        assertThat(problems(AI_NINJA + "    realtime-processor: {replicas: 2, targetMemoryUtilizationPercentage: 70}\n").getMessage())
                .contains("voiceplane:services.realtime-processor.targetMemoryUtilizationPercentage: has no effect: the service runs a fixed 2");
    }

    @Test
    void aTargetOutsideOneToAHundredIsRefused() {
        assertThat(problems(AI_NINJA + "    realtime-processor: {targetCPUUtilizationPercentage: 120}\n").getMessage())
                .contains("voiceplane:services.realtime-processor.targetCPUUtilizationPercentage: must be between 1 and 100, got 120");
    }

    @Test
    void productionKeepsThreeReplicasOfEveryServiceItSizes() {
        assertThat(problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: production
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com}
                  voiceplane:vault: {url: "https://test-kv.vault.azure.net/"}
                  voiceplane:services:
                    profile-analytics: {minReplicas: 2}
                """).problems()).extracting(ConfigProblem::toString).containsExactly(FILE
                + ":9: voiceplane:services.profile-analytics.minReplicas: production needs at least 3 replicas of every service for high availability, got 2");
    }

    @Test
    void theQuotaMustHoldTheLargestServicesPod() {
        assertThat(problems(AI_NINJA + "    conversation-engine:\n      resources: {requests: {memory: 20Gi}, limits: {memory: 20Gi}}\n")
                .getMessage()).contains("voiceplane:quota.requestsMemory: 16Gi is less than one pod's requests (20Gi)");
    }
}
