package dev.voiceplane.stack;

import static dev.voiceplane.stack.StackText.FILE;
import static dev.voiceplane.stack.StackText.parse;
import static dev.voiceplane.stack.StackText.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

class StackConfigParserTest {
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
                  voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com}
                  voiceplane:vault:
                    url: https://test-kv.vault.azure.net/
                    identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
                    tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
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
                  voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com}
                  voiceplane:vault: {url: "https://test-kv.vault.azure.net/", identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b, tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47}
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

    @Test
    void managedStoresNeedTheHostsInfraCreated() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: staging
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:vault: {url: "https://test-kv.vault.azure.net/", identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b, tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47}
                  voiceplane:managedStores:
                    redisHost: not a host
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                FILE + ":8: voiceplane:managedStores.redisHost: 'not a host' is not a DNS name such as ai-ninja.redis.cache.windows.net",
                FILE + ":7: voiceplane:managedStores.postgresHost: is required when voiceplane:dataStores is 'managed' (infra's PostgreSQL server name)",
                FILE + ":8: voiceplane:managedStores.redisHost: is required when voiceplane:dataStores is 'managed' (infra's Redis host name)");
    }

    @Test
    void managedStoreSettingsOnAnInClusterStackAreRefused() {
        assertThat(problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:managedStores: {postgresHost: pg.example.com}
                """).getMessage()).contains(":3: voiceplane:managedStores: only applies when voiceplane:dataStores is 'managed'");
    }

    @Test
    void aCloudStacksIdentityMustHaveItsCloudsForm() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:environment: staging
                  voiceplane:cloud: aws
                  voiceplane:region: ap-south-1
                  voiceplane:dataStores: in-cluster
                  voiceplane:vault: {identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b}
                  voiceplane:backups: {bucket: bv-backups}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("voiceplane:vault.identity");
        assertThat(e.problems().get(0).message()).contains("an IAM role ARN");
    }

    @Test
    void generatedIdsMayBeLeftToInfraWhichFillsThemInAtDeployTime() {
        StackConfig stack = StackConfigParser.parse(FILE, "bv", """
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:environment: staging
                  voiceplane:cloud: aws
                  voiceplane:region: ap-south-1
                  voiceplane:dataStores: in-cluster
                  voiceplane:backups: {bucket: bv-backups}
                """);
        assertThat(stack.cloudIdentities()).isEqualTo(new CloudIdentities("", "", "bv-backups", "", "", "", ""));
        StackConfig deployed = stack.withDeployTimeValues(new CloudIdentities("", "arn:aws:iam::111122223333:role/eso", "bv-backups", "",
                "arn:aws:iam::111122223333:role/bkp", "fs-0123456789abcdef0", ""), "111122223333.dkr.ecr.ap-south-1.amazonaws.com/bv");
        assertThat(deployed.cloudIdentities().efsFileSystemId()).isEqualTo("fs-0123456789abcdef0");
        assertThat(deployed.images().reference("bharatvoice/app")).isEqualTo("111122223333.dkr.ecr.ap-south-1.amazonaws.com/bv/bharatvoice/app:"
                + stack.images().tag());
        assertThat(deployed).isEqualTo(stack.withDeployTimeValues(deployed.cloudIdentities(), deployed.images().registry()));
    }

    @Test
    void configMapValuesDefaultToTheGuidesFigures() {
        StackConfig local = Testing.stack("local");
        assertThat(local.appSettings())
                .containsEntry("MAX_CONCURRENT_CALLS", "1000")
                .containsEntry("WEBSOCKET_TIMEOUT", "300000")
                .containsEntry("PROCESSING_PIPELINE_TIMEOUT", "1500")
                .containsEntry("FEATURE_MFA_REQUIRED", "true")
                .containsEntry("FEATURE_RATE_LIMITING_ENABLED", "true")
                .containsEntry("FEATURE_AUDIT_LOGGING_ENABLED", "true")
                .containsEntry("DB_NAME", "ai_ninja")
                .doesNotContainKey("SUPPORTED_LANGUAGES");
        assertThat(Testing.stack("bharatvoice-production").appSettings())
                .containsEntry("SUPPORTED_LANGUAGES", "hi,en,ta,te,bn,mr,gu,kn,ml,pa")
                .doesNotContainKey("MAX_CONCURRENT_CALLS");
        assertThat(Testing.stack("ai-ninja-production").appSettings()).containsEntry("AZURE_SPEECH_REGION", "centralindia");
    }

    @Test
    void aStackOverridesConfigMapValuesAndEachIsValidated() {
        StackConfig c = parse("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:config:
                    MAX_CONCURRENT_CALLS: 200
                    FEATURE_MFA_REQUIRED: false
                """);
        assertThat(c.appSettings()).containsEntry("MAX_CONCURRENT_CALLS", "200").containsEntry("FEATURE_MFA_REQUIRED", "false");
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:config:
                    MAX_CONCURRENT_CALS: 200
                    FEATURE_MFA_REQUIRED: maybe
                    SUPPORTED_LANGUAGES: hi
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":4: voiceplane:config.MAX_CONCURRENT_CALS: no ai-ninja service reads it; did you mean 'MAX_CONCURRENT_CALLS'?",
                FILE + ":5: voiceplane:config.FEATURE_MFA_REQUIRED: 'maybe' is not true or false",
                FILE + ":6: voiceplane:config.SUPPORTED_LANGUAGES: no ai-ninja service reads it; known keys: "
                        + String.join(", ", AppSettings.keysOf(SystemName.AI_NINJA)));
    }

    @Test
    void aStackChoosesTheSpeechLanguageAndVoiceInTheirForms() {
        StackConfig c = parse("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:config:
                    AZURE_SPEECH_LANGUAGE: hi-IN
                    AZURE_SPEECH_VOICE: hi-IN-SwaraNeural
                """);
        assertThat(c.appSettings()).containsEntry("AZURE_SPEECH_LANGUAGE", "hi-IN").containsEntry("AZURE_SPEECH_VOICE", "hi-IN-SwaraNeural");
        assertThat(Testing.stack("ai-ninja-production").appSettings()).containsEntry("AZURE_SPEECH_LANGUAGE", "");
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:config:
                    AZURE_SPEECH_LANGUAGE: hindi
                    AZURE_SPEECH_VOICE: Swara
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                FILE + ":4: voiceplane:config.AZURE_SPEECH_LANGUAGE: 'hindi' is not a language tag such as en-IN or hi-IN (or empty)",
                FILE + ":5: voiceplane:config.AZURE_SPEECH_VOICE: 'Swara' is not an Azure neural voice name such as en-IN-NeerjaNeural (or empty)");
    }

    @Test
    void everyStackInTheRepositoryParses() {
        assertThat(Testing.stacks().names()).contains("local", "ai-ninja-staging", "ai-ninja-production",
                "bharatvoice-staging", "bharatvoice-production");
        for (String name : Testing.stacks().names()) {
            StackConfig stack = Testing.stack(name);
            assertThat(stack.name()).isEqualTo(name);
        }
        assertThat(Testing.stack("bharatvoice-production").region()).isEqualTo("ap-south-1");
        assertThat(Testing.stack("bharatvoice-production").workerReplicas()).isEqualTo(new Replicas(2, 10));
    }

    @Test
    void cloudResourceKeysAreRefusedWhereTheyMeanNothing() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:vault: {identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b}
                  voiceplane:storage: {efsFileSystemId: fs-0123456789abcdef0}
                """);
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                FILE + ":4: voiceplane:storage.efsFileSystemId: has no meaning off aws; Azure Files and local volumes need no file system id",
                FILE + ":3: voiceplane:vault: has no meaning without a cloud: a local stack reads secrets from the cluster and backs up to a volume");
    }

    @Test
    void anAzureStackNamesTheTenantOfItsWorkloadIdentity() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: staging
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:managedStores: {postgresHost: pg.example.com, redisHost: redis.example.com}
                  voiceplane:vault:
                    url: https://test-kv.vault.azure.net/
                    identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b
                """);
        assertThat(e.problems()).singleElement().hasToString(FILE + ":7: voiceplane:vault.tenantId: is required on azure: "
                + "the Entra tenant of the workload identity (az account show --query tenantId)");
    }

    @Test
    void azureInClusterStoresNeedTheBackupStorageAccount() {
        StackConfigException e = problems("""
                config:
                  voiceplane:system: ai-ninja
                  voiceplane:environment: staging
                  voiceplane:cloud: azure
                  voiceplane:region: centralindia
                  voiceplane:dataStores: in-cluster
                  voiceplane:vault: {url: "https://test-kv.vault.azure.net/", identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b, tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47}
                  voiceplane:backups: {bucket: backups, identity: 3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b}
                """);
        assertThat(e.problems()).singleElement().hasToString(
                FILE + ":8: voiceplane:backups.account: is required on azure: the storage account holding the backup container");
    }
}
