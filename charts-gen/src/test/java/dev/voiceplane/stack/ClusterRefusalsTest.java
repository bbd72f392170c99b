package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * Stack files that a cluster would refuse once applied are refused by the parser, with file, line
 * and key: the stack file alone decides them, so nothing should wait for the API server to say so.
 */
class ClusterRefusalsTest {
    private static final String FILE = "stacks/Pulumi.test.yaml";

    private static StackConfigException problems(String stackName, String yaml) {
        return catchThrowableOfType(() -> StackConfigParser.parse(FILE, stackName, yaml), StackConfigException.class);
    }

    private static StackConfigException problems(String yaml) {
        return problems("test", yaml);
    }

    /** "Requests cannot exceed limits" (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/). */
    @Test
    void aRequestAboveItsLimitIsRefusedAtTheRequestsLine() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:podResources:
                    requestCpu: 1500m
                    requestMemory: 512Mi
                    limitCpu: "1"
                    limitMemory: 256Mi
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":4: voiceplane:podResources.requestCpu: 1500m is above limitCpu 1: Kubernetes refuses a container "
                        + "whose request exceeds its limit",
                FILE + ":5: voiceplane:podResources.requestMemory: 512Mi is above limitMemory 256Mi: Kubernetes refuses a container "
                        + "whose request exceeds its limit");
    }

    @Test
    void aLimitRangeDefaultRequestAboveItsDefaultLimitIsRefused() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:quota:
                    defaultCpu: 200m
                    defaultRequestCpu: 500m
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":5: voiceplane:quota.defaultRequestCpu: 500m is above defaultCpu 200m: Kubernetes refuses a LimitRange "
                        + "whose default request exceeds its default limit");
    }

    /** ResourceQuota admission refuses every pod when one pod alone exceeds the quota. */
    @Test
    void aQuotaSmallerThanOnePodIsRefused() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:podResources:
                    requestCpu: 500m
                    requestMemory: 1Gi
                    limitCpu: "2"
                    limitMemory: 2Gi
                  voiceplane:quota:
                    requestsCpu: 400m
                    limitsMemory: 1Gi
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":9: voiceplane:quota.requestsCpu: 400m is less than one pod's requests (500m): the namespace could run no pod at all",
                FILE + ":10: voiceplane:quota.limitsMemory: 1Gi is less than one pod's limit (2Gi): the namespace could run no pod at all");
    }

    @Test
    void aMeshedPodCountsItsProxy() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:istio: true
                  voiceplane:podResources: {requestCpu: 500m, requestMemory: 1Gi, limitCpu: "1", limitMemory: 2Gi}
                  voiceplane:quota:
                    requestsCpu: 550m
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":6: voiceplane:quota.requestsCpu: 550m is less than one pod's requests (500m + mesh proxy 100m): "
                        + "the namespace could run no pod at all");
    }

    @Test
    void anInvalidCidrIsRefused() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: staging
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:managedStores:
                    postgresHost: pg.example.com
                    redisHost: redis.example.com
                    cidr: 10.0.0.0/33
                  voiceplane:vault:
                    url: https://test-kv.vault.azure.net/
                    identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
                    tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":9: voiceplane:managedStores.cidr: '10.0.0.0/33' is not an IPv4 CIDR such as 10.0.0.0/8 "
                        + "(four numbers 0-255 and a prefix length 0-32)");
        assertThat(problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com, cidr: 10.256.0.0/16}
                """).problems()).extracting(ConfigProblem::key).contains("voiceplane:managedStores.cidr");
    }

    /**
     * Rate limits and the audit log key on the client's address, which only the ingress controller
     * knows (X-Real-IP): the services believe that header from the cluster's pod network, where the
     * controller's pods are, and from Istio's inbound address in meshed pods; empty would believe no
     * one and put every caller in the controller's bucket.
     */
    @Test
    void theServicesBelieveTheIngressControllersRealIpFromThePodNetworkOnly() {
        assertThat(dev.voiceplane.testing.Testing.stack("ai-ninja-production").appSettings().get("TRUSTED_PROXY_CIDRS"))
                .isEqualTo("10.244.0.0/16,127.0.0.6/32");
        assertThat(dev.voiceplane.testing.Testing.stack("bharatvoice-production").appSettings().get("TRUSTED_PROXY_CIDRS")).isEqualTo("10.0.0.0/8");
        assertThat(dev.voiceplane.testing.Testing.stack("local").appSettings().get("TRUSTED_PROXY_CIDRS")).isEqualTo("10.42.0.0/16,10.244.0.0/16");
        assertThat(problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:config:
                    TRUSTED_PROXY_CIDRS: 0.0.0.0/33
                """).problems()).extracting(ConfigProblem::toString).containsExactly(FILE + ":4: voiceplane:config.TRUSTED_PROXY_CIDRS: "
                + "'0.0.0.0/33' is not comma-separated IPv4 CIDRs such as 10.244.0.0/16,127.0.0.6/32 (or empty to believe no proxy)");
    }

    /**
     * The stack name becomes the value of the {@code voiceplane.dev/stack} label on every object
     * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
     */
    @Test
    void aStackNameThatIsNotAValidLabelValueIsRefused() {
        String yaml = """
                config:
                  voiceplane:system: ai-ninja
                """;
        String tooLong = "a".repeat(64);
        assertThat(problems(tooLong, yaml).problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ": stack name: '" + tooLong + "' is not a valid Kubernetes label value (at most 63 letters, digits, "
                        + "'-', '_' or '.', starting and ending with a letter or digit); rename the stack file");
        assertThat(problems("staging-", yaml).problems()).extracting(ConfigProblem::key).containsExactly("stack name");
        assertThat(StackConfigParser.parse(FILE, "a".repeat(63), yaml).name()).hasSize(63);
    }
}
