package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

/** {@code voiceplane:cluster}: what the stack's cluster enforces and serves, with per-cloud defaults. */
class ClusterFeaturesTest {
    private static final String FILE = "stacks/Pulumi.test.yaml";
    private static final String AZURE = """
            config:
              voiceplane:system: ai-ninja
              voiceplane:environment: staging
              voiceplane:cloud: azure
              voiceplane:region: centralindia
              voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com}
              voiceplane:vault:
                url: https://test-kv.vault.azure.net/
                identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
                tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
            """;

    private static StackConfig parse(String yaml) {
        return StackConfigParser.parse(FILE, "test", yaml);
    }

    @Test
    void cloudStacksDefaultToTheirCloudsEnforcerAndToPrometheusAdapter() {
        assertThat(parse(AZURE).clusterFeatures()).isEqualTo(new ClusterFeatures("cilium", "prometheus-adapter"));
        assertThat(Testing.stack("bharatvoice-production").clusterFeatures()).isEqualTo(new ClusterFeatures("vpc-cni", "prometheus-adapter"));
        assertThat(parse(AZURE).clusterFeatures().enforcesNetworkPolicies()).isTrue();
    }

    @Test
    void aStackWithoutACloudAssumesNothingUnlessItSaysSo() {
        ClusterFeatures bare = parse("config:\n  voiceplane:system: ai-ninja\n").clusterFeatures();
        assertThat(bare).isEqualTo(new ClusterFeatures("none", "none"));
        assertThat(bare.enforcesNetworkPolicies()).isFalse();
        assertThat(bare.servesCustomMetrics()).isFalse();
    }

    /** The repository's local stack is a k3d (k3s) cluster, whose kube-router enforces NetworkPolicies. */
    @Test
    void theLocalStackStatesWhatItsLaptopClusterEnforces() {
        assertThat(Testing.stack("local").clusterFeatures()).isEqualTo(new ClusterFeatures("kube-router", "none"));
    }

    @Test
    void anUnknownEnforcerIsReportedWithFileLineAndKey() {
        StackConfigException e = catchThrowableOfType(() -> parse("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:cluster:
                    networkPolicies: flannel
                    customMetrics: keda
                """), StackConfigException.class);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":4: voiceplane:cluster.networkPolicies: 'flannel' is not one of cilium, vpc-cni, calico, kube-router, "
                        + "kindnet, none",
                FILE + ":5: voiceplane:cluster.customMetrics: 'keda' is not one of prometheus-adapter, none");
    }

    /** The guides' zero-trust design is default-deny NetworkPolicies; on a cluster that ignores them it is a fiction. */
    @Test
    void aCloudStackOnAClusterThatEnforcesNoPoliciesIsRefused() {
        StackConfigException e = catchThrowableOfType(() -> parse(AZURE + """
                  voiceplane:cluster:
                    networkPolicies: none
                """), StackConfigException.class);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":12: voiceplane:cluster.networkPolicies: 'none' leaves the default-deny NetworkPolicies of a staging "
                        + "stack unenforced; name the CNI that enforces them (cilium, vpc-cni, calico, kube-router, kindnet)");
    }
}
