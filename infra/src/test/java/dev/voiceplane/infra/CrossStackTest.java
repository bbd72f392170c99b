package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.infra.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stacks of one system share an account (AWS) or a subscription and DNS namespace (Azure): names the
 * cloud keeps unique per account/region or worldwide must differ between them, or the second stack's
 * first `pulumi up` fails on a name the first one took.
 */
class CrossStackTest {
    /** Type to the input paths holding a name unique per account/region (AWS) or worldwide (Azure). */
    static final Map<String, List<String>> UNIQUE = Map.ofEntries(
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket")),
            Map.entry("aws:ecr/repository:Repository", List.of("name")),
            Map.entry("aws:iam/role:Role", List.of("name")),
            Map.entry("aws:eks/cluster:Cluster", List.of("name")),
            Map.entry("aws:secretsmanager/secret:Secret", List.of("name")),
            Map.entry("aws:kms/alias:Alias", List.of("name")),
            Map.entry("azure-native:resources:ResourceGroup", List.of("resourceGroupName")),
            Map.entry("azure-native:storage:StorageAccount", List.of("accountName")),
            Map.entry("azure-native:keyvault:Vault", List.of("vaultName")),
            Map.entry("azure-native:dbforpostgresql:Server", List.of("serverName")),
            Map.entry("azure-native:cache:Redis", List.of("name")),
            Map.entry("azure-native:containerregistry:Registry", List.of("registryName")),
            Map.entry("azure-native:cognitiveservices:Account", List.of("accountName", "properties.customSubDomainName")),
            Map.entry("azure-native:containerservice:ManagedCluster", List.of("dnsPrefix")));

    static Set<String> uniqueNames(InfraRun run) {
        Set<String> names = new TreeSet<>();
        for (Plan.Node n : run.created) {
            for (String path : UNIQUE.getOrDefault(n.type(), List.of())) {
                Object v = at(n.inputs(), path);
                if (v != null) {
                    names.add(n.type() + " " + v);
                }
            }
        }
        return names;
    }

    static void assertDisjoint(String a, String b, int atLeast) {
        Set<String> first = uniqueNames(InfraRun.of(a));
        Set<String> second = uniqueNames(InfraRun.of(b));
        assertThat(first).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(second).hasSizeGreaterThanOrEqualTo(atLeast);
        Set<String> shared = new TreeSet<>(first);
        shared.retainAll(second);
        assertThat(shared).as("names %s and %s would both claim", a, b).isEmpty();
    }

    @Test
    void theTwoBharatVoiceStacksShareNoAccountWideName() {
        assertDisjoint("bharatvoice-production", "bharatvoice-staging", 10);
    }

    @Test
    void theTwoAiNinjaStacksShareNoGloballyUniqueName() {
        assertDisjoint("ai-ninja-production", "ai-ninja-staging", 8);
    }

    @Test
    void theCheckSeesASharedName() {
        // The same stack twice shares every name: the comparison is not vacuous.
        Set<String> names = uniqueNames(InfraRun.of("bharatvoice-staging"));
        Set<String> again = new TreeSet<>(names);
        again.retainAll(uniqueNames(InfraRun.of("bharatvoice-staging")));
        assertThat(again).isEqualTo(names).isNotEmpty();
    }
}
