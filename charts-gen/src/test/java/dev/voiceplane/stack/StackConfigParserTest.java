package dev.voiceplane.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

class StackConfigParserTest {
    private static final String FILE = "stacks/Pulumi.test.yaml";

    private static StackConfig parse(String yaml) {
        return StackConfigParser.parse(FILE, "test", yaml);
    }

    private static StackConfigException problems(String yaml) {
        return catchThrowableOfType(() -> parse(yaml), StackConfigException.class);
    }

    @Test
    void theLocalStackIsAiNinjaOnALaptopWithOneReplicaAndNoTls() {
        StackConfig local = Testing.stack("local");
        assertThat(local.system()).isEqualTo(SystemName.AI_NINJA);
        assertThat(local.cloud()).isEqualTo(Cloud.NONE);
        assertThat(local.replicas()).isEqualTo(new Replicas(1, 1));
        assertThat(local.dataStores()).isEqualTo(DataStoreMode.IN_CLUSTER);
        assertThat(local.tls()).isEqualTo(TlsIssuer.NONE);
    }

    @Test
    void productionDefaultsAreTheGuidesFigures() {
        StackConfig prod = parse("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: production
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:domain: example.com
                """);
        assertThat(prod.replicas()).isEqualTo(new Replicas(3, 20));
        assertThat(prod.workerReplicas()).isEqualTo(new Replicas(2, 10));
        assertThat(prod.podResources()).isEqualTo(new ResourceBudget("500m", "1Gi", "1000m", "2Gi"));
        assertThat(prod.quota()).isEqualTo(NamespaceQuota.GUIDE);
        assertThat(prod.tls()).isEqualTo(TlsIssuer.LETSENCRYPT_PRODUCTION);
        assertThat(prod.dataStores()).isEqualTo(DataStoreMode.MANAGED);
    }

    @Test
    void aBadValueIsReportedWithFileLineAndKey() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:replicas:
                    min: 0
                """);
        assertThat(e.problems()).singleElement().hasToString(
                FILE + ":4: voiceplane:replicas.min: must be between 1 and 100, got 0");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: prod
                  voiceplane:podResources:
                    limitCpu: lots
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactly("voiceplane:environment", "voiceplane:podResources.limitCpu");
        assertThat(e.problems().get(0).message()).isEqualTo("'prod' is not one of local, staging, production");
        assertThat(e.problems().get(1).line()).isEqualTo(5);
    }

    @Test
    void aMisspelledKeyIsRejectedWithASuggestion() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:replicas:
                    mni: 2
                """);
        assertThat(e.getMessage()).isEqualTo(FILE + ":4: voiceplane:replicas.mni: unknown key; did you mean 'min'?");
    }

    @Test
    void providerKeysOutsideOurNamespaceAreLeftAlone() {
        StackConfig c = parse("""
                config:
                  voiceplane:system: bharatvoice
                  kubernetes:context: kind-bharatvoice
                """);
        assertThat(c.system()).isEqualTo(SystemName.BHARATVOICE);
    }

    @Test
    void theSystemIsRequired() {
        assertThat(problems("config: {}\n").getMessage()).contains("voiceplane:system: is required");
    }

    @Test
    void bharatVoiceDataMustStayInIndia() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:environment: staging
                  voiceplane:cloud: aws
                  voiceplane:region: us-east-1
                """);
        assertThat(e.getMessage()).contains(FILE + ":5: voiceplane:region: BharatVoice user data must stay in India");
    }

    @Test
    void productionNeedsThreeReplicasAndTls() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: production
                  voiceplane:cloud: azure
                  voiceplane:region: eastus
                  voiceplane:replicas: {min: 2, max: 5}
                  voiceplane:tls: none
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("voiceplane:replicas", "voiceplane:tls");
    }

    @Test
    void theLatestTagIsRefused() {
        assertThat(problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:images: {tag: latest}
                """).getMessage()).contains("voiceplane:images.tag: 'latest' is not allowed");
    }

    @Test
    void brokenYamlNamesTheLine() {
        StackConfigException e = problems("config:\n  voiceplane:system: [unclosed\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(FILE);
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void anUnknownStackNamesTheFileItLookedFor() {
        assertThat(catchThrowableOfType(() -> Testing.stacks().load("nope"), UnknownStackException.class))
                .hasMessageContaining("unknown stack 'nope'").hasMessageContaining("Pulumi.nope.yaml").hasMessageContaining("local");
    }
}
