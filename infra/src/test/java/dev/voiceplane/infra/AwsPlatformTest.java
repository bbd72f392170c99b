package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BharatVoice on AWS: the bharatvoice-production stack from stacks/, against the mock cloud. */
class AwsPlatformTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static InfraRun production() {
        return InfraRun.of("bharatvoice-production");
    }

    static JsonNode policyOf(String roleName) throws Exception {
        var policy = production().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(c -> c.name().equals(roleName + "-policy")).findFirst().orElseThrow();
        return JSON.readTree((String) policy.inputs().get("policy"));
    }

    @Test
    void theProgramRunsWithoutErrors() {
        assertThat(production().result.exceptions()).isEmpty();
        assertThat(production().result.errors()).isEmpty();
    }

    @Test
    void everyAwsResourceGoesThroughAProviderPinnedToMumbai() {
        assertThat(production().one("pulumi:providers:aws").inputs().get("region")).isEqualTo("ap-south-1");
        assertThat(production().ofType("aws:ec2/subnet:Subnet")).extracting(c -> c.inputs().get("availabilityZone"))
                .containsOnly("ap-south-1a", "ap-south-1b", "ap-south-1c").hasSize(6);
        assertThat(production().ofType("aws:ec2/natGateway:NatGateway")).hasSize(3);
    }

    @Test
    void theNodeGroupAutoscalesFromOneNodePerZone() {
        Map<String, Object> group = production().one("aws:eks/nodeGroup:NodeGroup").inputs();
        assertThat(at(group, "scalingConfig.minSize")).isEqualTo(3.0);
        assertThat(at(group, "scalingConfig.maxSize")).isEqualTo(5.0);
        assertThat(at(group, "instanceTypes.0")).isEqualTo("m5.xlarge");
    }

    @Test
    void theBackupBucketIsVersionedKmsEncryptedAndClosedToThePublic() {
        assertThat(production().one("aws:s3/bucketV2:BucketV2").inputs().get("bucket")).isEqualTo("bharatvoice-production-backups");
        assertThat(at(production().one("aws:s3/bucketVersioningV2:BucketVersioningV2").inputs(), "versioningConfiguration.status"))
                .isEqualTo("Enabled");
        Map<String, Object> sse = production().one(
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2").inputs();
        assertThat(at(sse, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        assertThat(at(sse, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId")).asString().startsWith("arn:aws:kms:ap-south-1:");
        Map<String, Object> block = production().one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs();
        assertThat(List.of(block.get("blockPublicAcls"), block.get("blockPublicPolicy"), block.get("ignorePublicAcls"),
                block.get("restrictPublicBuckets"))).containsOnly(true);
    }

    @Test
    void theBucketRefusesRequestsWithoutTls() throws Exception {
        JsonNode policy = JSON.readTree((String) production().one("aws:s3/bucketPolicy:BucketPolicy").inputs().get("policy"));
        assertThat(policy.at("/Statement/0/Effect").asText()).isEqualTo("Deny");
        assertThat(policy.at("/Statement/0/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void lifecycleKeepsPostgresThirtyDaysAndRedisSevenUnderTheJobsPrefixes() {
        Map<String, Object> lifecycle = production().one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").inputs();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) lifecycle.get("rules");
        assertThat(rules).extracting(r -> at(r, "filter.prefix") + "@" + at(r, "expiration.days"))
                .containsExactlyInAnyOrder("bharatvoice/postgres/@30.0", "bharatvoice/redis/@7.0", "bharatvoice/data/@30.0");
    }

    @Test
    void externalSecretsMayReadOnlyTheStacksSecret() throws Exception {
        JsonNode policy = policyOf("bharatvoice-production-external-secrets");
        assertThat(policy.at("/Statement")).hasSize(1);
        assertThat(policy.at("/Statement/0/Resource/0").asText())
                .isEqualTo("arn:aws:secretsmanager:ap-south-1:123456789012:secret:bharatvoice/production-AbCdEf");
        assertThat(policy.at("/Statement/0/Action").toString()).doesNotContain("*").doesNotContain("PutSecretValue");
        assertThat(production().one("aws:secretsmanager/secret:Secret").inputs().get("name")).isEqualTo("bharatvoice/production");
    }

    @Test
    void backupsMayWriteOnlyUnderTheSystemsPrefixOfTheBucket() throws Exception {
        JsonNode policy = policyOf("bharatvoice-production-backups");
        assertThat(policy.at("/Statement/0/Resource/0").asText()).isEqualTo("arn:aws:s3:::bharatvoice-production-backups/bharatvoice/*");
        assertThat(policy.at("/Statement/1/Condition/StringLike/s3:prefix/0").asText()).isEqualTo("bharatvoice/*");
        assertThat(policy.toString()).doesNotContain("\"s3:*\"").doesNotContain("\"*\"");
    }

    @Test
    void irsaRolesTrustExactlyTheAnnotatedServiceAccounts() throws Exception {
        var role = production().ofType("aws:iam/role:Role").stream()
                .filter(c -> "bharatvoice-production-backups".equals(c.inputs().get("name"))).findFirst().orElseThrow();
        JsonNode trust = JSON.readTree((String) role.inputs().get("assumeRolePolicy"));
        assertThat(trust.at("/Statement/0/Condition/StringEquals").toString())
                .contains("\"system:serviceaccount:bharatvoice:bharatvoice-backup\"").contains("sts.amazonaws.com");
    }

    @Test
    void csiDriversRunWithTheirOwnRoles() {
        assertThat(production().ofType("aws:eks/addon:Addon")).extracting(c -> c.inputs().get("addonName"))
                .containsExactlyInAnyOrder("aws-ebs-csi-driver", "aws-efs-csi-driver");
        assertThat(production().ofType("aws:eks/addon:Addon")).allSatisfy(c ->
                assertThat(c.inputs().get("serviceAccountRoleArn")).asString().contains("-csi"));
    }

    @Test
    void ecrHasARepositoryPerImageOfTheManifests() {
        assertThat(production().ofType("aws:ecr/repository:Repository")).extracting(c -> c.inputs().get("name"))
                .contains("voiceplane/backup-tools").allSatisfy(n -> assertThat(n).asString().contains("/"));
        assertThat(production().ofType("aws:ecr/repository:Repository"))
                .allSatisfy(c -> assertThat(c.inputs().get("imageTagMutability")).isEqualTo("IMMUTABLE"));
    }

    @Test
    void everyDataHoldingResourceIsProtectedAndRetained() {
        for (String type : List.of("aws:s3/bucketV2:BucketV2", "aws:kms/key:Key", "aws:efs/fileSystem:FileSystem",
                "aws:secretsmanager/secret:Secret")) {
            assertThat(production().optionsOf(production().one(type))).as(type).isEqualTo(new InfraRun.Options(true, true));
        }
        assertThat(production().one("aws:efs/fileSystem:FileSystem").inputs().get("encrypted")).isEqualTo(true);
    }

    @Test
    void outputsCarryTheStackFilesPlaceholders() {
        assertThat(production().output("vaultIdentity")).isEqualTo("arn:aws:iam::123456789012:role/bharatvoice-production-external-secrets");
        assertThat(production().output("backupIdentity")).isEqualTo("arn:aws:iam::123456789012:role/bharatvoice-production-backups");
        assertThat(production().output("backupBucket")).isEqualTo("bharatvoice-production-backups");
        assertThat(production().output("efsFileSystemId")).isEqualTo("fs-0123456789abcdef0");
        assertThat(production().output("registry")).isEqualTo("123456789012.dkr.ecr.ap-south-1.amazonaws.com");
    }
}
