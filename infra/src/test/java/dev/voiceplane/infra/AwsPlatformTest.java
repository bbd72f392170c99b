package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplane.infra.plan.MockCloud;
import dev.voiceplane.infra.plan.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BharatVoice on AWS: the bharatvoice-production and -staging stacks from stacks/, against the mock cloud. */
class AwsPlatformTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BACKUPS = "bharatvoice-production-backups";

    static InfraRun production() {
        return InfraRun.of("bharatvoice-production");
    }

    static InfraRun staging() {
        return InfraRun.of("bharatvoice-staging");
    }

    static JsonNode policyOf(String roleName) throws Exception {
        var policy = production().ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(c -> c.name().equals(roleName + "-policy")).findFirst().orElseThrow();
        return JSON.readTree((String) policy.inputs().get("policy"));
    }

    @Test
    void theProgramRunsWithoutErrors() {
        assertThat(production().errors()).isEmpty();
        assertThat(staging().errors()).isEmpty();
    }

    @Test
    void everyAwsResourceGoesThroughTheOneProviderPinnedToMumbaiAndTheStacksAccount() {
        var provider = production().one("pulumi:providers:aws");
        assertThat(provider.inputs().get("region")).isEqualTo("ap-south-1");
        assertThat(provider.inputs().get("allowedAccountIds")).asString().contains(MockCloud.ACCOUNT);
        List<Plan.Node> aws = production().created.stream().filter(c -> c.type().startsWith("aws:")).toList();
        assertThat(aws).hasSizeGreaterThan(40)
                .allSatisfy(c -> assertThat(c.provider()).as(c.id()).isEqualTo("aws::bharatvoice-production-aws"));
        assertThat(production().ofType("aws:ec2/subnet:Subnet")).extracting(c -> c.inputs().get("availabilityZone"))
                .containsOnly("ap-south-1a", "ap-south-1b", "ap-south-1c").hasSize(6);
    }

    @Test
    void credentialsOfAnotherAccountStopTheRun() {
        InfraRun other = InfraRun.run(InfraRun.STACKS, "bharatvoice-production", Plan.STAND_INS, new MockCloud("111122223333"));
        assertThat(String.join("\n", other.errors())).contains("the AWS credentials are for account 111122223333")
                .contains("deploys into " + MockCloud.ACCOUNT);
    }

    @Test
    void aStackWithoutAnAccountSettingNamesTheSettingToSet() {
        InfraRun unset = InfraRun.run(InfraRun.STACKS, "bharatvoice-staging",
                InfraRun.settings(java.util.Collections.singletonMap(VoiceplaneInfra.AWS_ACCOUNT_ID, null)), new MockCloud());
        assertThat(String.join("\n", unset.errors())).contains("voiceplane-infra:awsAccountId is not set")
                .contains("pulumi config set voiceplane-infra:awsAccountId");
    }

    @Test
    void productionHasANatGatewayPerZoneAndStagingOneSoBothFitFiveElasticIps() {
        assertThat(production().ofType("aws:ec2/natGateway:NatGateway")).hasSize(3);
        assertThat(staging().ofType("aws:ec2/natGateway:NatGateway")).hasSize(1);
        // Both stacks live in ap-south-1, whose default quota is 5 Elastic IPs per account.
        assertThat(production().ofType("aws:ec2/eip:Eip").size() + staging().ofType("aws:ec2/eip:Eip").size()).isLessThanOrEqualTo(5);
        // Every private subnet still has a default route through a NAT gateway.
        assertThat(staging().ofType("aws:ec2/routeTable:RouteTable")).filteredOn(c -> c.name().contains("-private-")).hasSize(3)
                .allSatisfy(c -> assertThat(at(c.inputs(), "routes.0.natGatewayId")).isNotNull());
    }

    @Test
    void theApiEndpointAdmitsOnlyTheOperatorsNetworks() {
        Map<String, Object> cluster = production().one("aws:eks/cluster:Cluster").inputs();
        assertThat(at(cluster, "vpcConfig.publicAccessCidrs")).isEqualTo(List.of("203.0.113.0/24"));
        InfraRun open = InfraRun.run(InfraRun.STACKS, "bharatvoice-staging",
                InfraRun.settings(Map.of(VoiceplaneInfra.ADMIN_CIDRS, "0.0.0.0/0")), new MockCloud());
        assertThat(String.join("\n", open.errors())).contains("opens the cluster API to the whole internet");
    }

    @Test
    void namedAdminsGetClusterAdminAccessEntries() {
        assertThat(production().ofType("aws:eks/accessEntry:AccessEntry")).isEmpty();
        String ci = "arn:aws:iam::" + MockCloud.ACCOUNT + ":role/ci-deploy";
        InfraRun withCi = InfraRun.run(InfraRun.STACKS, "bharatvoice-staging",
                InfraRun.settings(Map.of(VoiceplaneInfra.CLUSTER_ADMINS, ci)), new MockCloud());
        assertThat(withCi.one("aws:eks/accessEntry:AccessEntry").inputs().get("principalArn")).isEqualTo(ci);
        assertThat(withCi.one("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").inputs().get("policyArn")).asString()
                .endsWith("AmazonEKSClusterAdminPolicy");
    }

    @Test
    void theWorkersAutoscaleFromOneNodePerZoneAndTheAutoscalerOwnsTheSize() {
        var workers = production().named("aws:eks/nodeGroup:NodeGroup", "bharatvoice-production-workers");
        assertThat(at(workers.inputs(), "scalingConfig.minSize")).isEqualTo(3.0);
        assertThat(at(workers.inputs(), "scalingConfig.maxSize")).isEqualTo(5.0);
        assertThat(at(workers.inputs(), "instanceTypes.0")).isEqualTo("m5.xlarge");
        assertThat(workers.ignoreChanges()).containsExactly("scalingConfig.desiredSize");
    }

    @Test
    void spotCapacityIsASeparateTaintedGroupOfSeveralTypes() {
        var spot = production().named("aws:eks/nodeGroup:NodeGroup", "bharatvoice-production-spot");
        assertThat(spot.inputs().get("capacityType")).isEqualTo("SPOT");
        assertThat((List<?>) spot.inputs().get("instanceTypes")).hasSizeGreaterThan(1);
        assertThat(at(spot.inputs(), "taints.0.effect")).isEqualTo("PREFER_NO_SCHEDULE");
        assertThat(at(production().named("aws:eks/nodeGroup:NodeGroup", "bharatvoice-production-workers").inputs(), "capacityType"))
                .isEqualTo("ON_DEMAND");
    }

    @Test
    void theBackupBucketIsVersionedKmsEncryptedAndClosedToThePublic() {
        assertThat(production().named("aws:s3/bucketV2:BucketV2", BACKUPS).inputs().get("bucket")).isEqualTo("bharatvoice-production-backups");
        assertThat(at(production().named("aws:s3/bucketVersioningV2:BucketVersioningV2", BACKUPS).inputs(), "versioningConfiguration.status"))
                .isEqualTo("Enabled");
        Map<String, Object> sse = production().named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", BACKUPS).inputs();
        assertThat(at(sse, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        assertThat(at(sse, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId")).asString().startsWith("arn:aws:kms:ap-south-1:");
        Map<String, Object> block = production().named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", BACKUPS).inputs();
        assertThat(List.of(block.get("blockPublicAcls"), block.get("blockPublicPolicy"), block.get("ignorePublicAcls"),
                block.get("restrictPublicBuckets"))).containsOnly(true);
    }

    @Test
    void backupVersionsAreLockedInGovernanceModeFromTheBucketsCreation() {
        assertThat(production().named("aws:s3/bucketV2:BucketV2", BACKUPS).inputs().get("objectLockEnabled")).isEqualTo(true);
        var lock = production().named("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", BACKUPS);
        assertThat(at(lock.inputs(), "rule.defaultRetention.mode")).isEqualTo("GOVERNANCE");
        assertThat(at(lock.inputs(), "rule.defaultRetention.days")).isEqualTo(7.0);
        assertThat(lock.dependsOn()).contains("aws:s3/bucketVersioningV2:BucketVersioningV2::bharatvoice-production-backups");
    }

    @Test
    void thePublicHostsAreCnamesOfTheIngressLoadBalancer() {
        assertThat(production().one("aws:route53/zone:Zone").inputs().get("name")).isEqualTo("bharatvoice.example.in");
        // BharatVoice serves its API only (no WebSocket host): one record per host its Ingresses serve.
        assertThat(production().ofType("aws:route53/record:Record")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.inputs().get("type")).isEqualTo("CNAME");
            assertThat(at(r.inputs(), "records.0")).asString().endsWith(".elb.ap-south-1.amazonaws.com");
            assertThat(r.provider()).isEqualTo("aws::bharatvoice-production-aws");
        }).extracting(r -> r.inputs().get("name")).containsExactly("api.bharatvoice.example.in");
        assertThat(dev.voiceplane.infra.plan.MockCloud.refusal("aws:route53/record:Record",
                Map.of("type", "CNAME", "records", List.of("203.0.113.10")))).isPresent();
    }

    @Test
    void theBucketRefusesRequestsWithoutTls() throws Exception {
        JsonNode policy = JSON.readTree((String) production().named("aws:s3/bucketPolicy:BucketPolicy", BACKUPS).inputs().get("policy"));
        assertThat(policy.at("/Statement/0/Effect").asText()).isEqualTo("Deny");
        assertThat(policy.at("/Statement/0/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void lifecycleKeepsPostgresThirtyDaysAndRedisSevenUnderTheJobsPrefixes() {
        Map<String, Object> lifecycle = production().named("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", BACKUPS).inputs();
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
                .isEqualTo("arn:aws:secretsmanager:ap-south-1:" + MockCloud.ACCOUNT + ":secret:bharatvoice/production-AbCdEf");
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
    void theWorkerMayCallExactlyTheVoiceApisItUsesInTheStacksRegion() throws Exception {
        JsonNode policy = policyOf("bharatvoice-production-speech");
        assertThat(policy.at("/Statement/0/Action").toString())
                .isEqualTo("[\"transcribe:StartTranscriptionJob\",\"transcribe:GetTranscriptionJob\",\"transcribe:DeleteTranscriptionJob\"]");
        assertThat(policy.at("/Statement/0/Resource/0").asText())
                .isEqualTo("arn:aws:transcribe:ap-south-1:" + MockCloud.ACCOUNT + ":transcription-job/bharatvoice-*");
        assertThat(policy.at("/Statement/1/Action/0").asText()).isEqualTo("polly:SynthesizeSpeech");
        assertThat(policy.at("/Statement/1/Condition/StringEquals/aws:RequestedRegion").asText()).isEqualTo("ap-south-1");
        assertThat(policy.at("/Statement/2/Resource/0").asText()).isEqualTo("arn:aws:s3:::bharatvoice-production-voice-media/voice/*");
        assertThat(policy.toString()).doesNotContain("\"s3:*\"").doesNotContain("transcribe:*").doesNotContain("polly:*");
        var role = production().ofType("aws:iam/role:Role").stream()
                .filter(c -> "bharatvoice-production-speech".equals(c.inputs().get("name"))).findFirst().orElseThrow();
        assertThat(JSON.readTree((String) role.inputs().get("assumeRolePolicy")).at("/Statement/0/Condition/StringEquals").toString())
                .contains("\"system:serviceaccount:bharatvoice:bharatvoice-worker\"");
    }

    @Test
    void theReleasedChartPutsTheSpeechRoleOnTheWorkersServiceAccountOnly() throws Exception {
        JsonNode accounts = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(production().charts.resolve("bharatvoice-production/values.yaml").toFile()).path("serviceAccounts");
        assertThat(accounts.at("/bharatvoice-worker/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::" + MockCloud.ACCOUNT + ":role/bharatvoice-production-speech");
        assertThat(accounts.at("/bharatvoice-app/annotations/eks.amazonaws.com~1role-arn").isMissingNode()).isTrue();
    }

    @Test
    void voiceRecordingsPassThroughAnUnversionedEncryptedBucketThatForgetsThemInADay() {
        String media = "bharatvoice-production-voice-media";
        assertThat(production().named("aws:s3/bucketV2:BucketV2", media).inputs().get("bucket")).isEqualTo(media);
        assertThat(production().ofType("aws:s3/bucketVersioningV2:BucketVersioningV2")).extracting(Plan.Node::name).containsExactly(BACKUPS);
        assertThat(at(production().named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", media)
                .inputs(), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        Map<String, Object> lifecycle = production().named("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", media).inputs();
        assertThat(at(lifecycle, "rules.0.filter.prefix")).isEqualTo("voice/");
        assertThat(at(lifecycle, "rules.0.expiration.days")).isEqualTo(1.0);
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
    void csiDriversRunWithTheirOwnRolesAfterTheWorkersExist() {
        var addons = production().ofType("aws:eks/addon:Addon");
        assertThat(addons).extracting(c -> c.inputs().get("addonName"))
                .containsExactlyInAnyOrder("aws-ebs-csi-driver", "aws-efs-csi-driver", "vpc-cni");
        assertThat(addons).filteredOn(c -> c.inputs().get("addonName").toString().endsWith("csi-driver")).hasSize(2).allSatisfy(c -> {
            assertThat(c.inputs().get("serviceAccountRoleArn")).asString().contains("-csi");
            // Their controllers run on the workers: created first, they sit DEGRADED until creation times out.
            assertThat(c.dependsOn()).contains("aws:eks/nodeGroup:NodeGroup::bharatvoice-production-workers");
        });
    }

    @Test
    void theVpcCniEnforcesNetworkPolicies() throws Exception {
        var cni = production().ofType("aws:eks/addon:Addon").stream()
                .filter(c -> c.inputs().get("addonName").equals("vpc-cni")).findFirst().orElseThrow();
        assertThat(JSON.readTree((String) cni.inputs().get("configurationValues")).path("enableNetworkPolicy").asText()).isEqualTo("true");
    }

    @Test
    void ecrHasARepositoryPerImageBuiltHereUnderTheStacksName() {
        assertThat(production().ofType("aws:ecr/repository:Repository")).extracting(c -> c.inputs().get("name"))
                .contains("bharatvoice-production/voiceplane/backup-tools")
                .allSatisfy(n -> assertThat(n).asString().startsWith("bharatvoice-production/"))
                .noneSatisfy(n -> assertThat(n).asString().contains("postgres"));
        assertThat(production().ofType("aws:ecr/repository:Repository"))
                .allSatisfy(c -> assertThat(c.inputs().get("imageTagMutability")).isEqualTo("IMMUTABLE"));
    }

    @Test
    void theClusterAutoscalerMayResizeOnlyThisClustersGroups() throws Exception {
        JsonNode policy = policyOf("bharatvoice-production-cluster-autoscaler");
        assertThat(policy.at("/Statement/1/Action").toString()).contains("autoscaling:SetDesiredCapacity");
        assertThat(policy.at("/Statement/1/Condition/StringEquals").toString())
                .contains("k8s.io/cluster-autoscaler/bharatvoice-production");
    }

    @Test
    void everyDataHoldingResourceIsProtectedAndRetained() {
        for (String type : List.of("aws:s3/bucketV2:BucketV2", "aws:kms/key:Key", "aws:efs/fileSystem:FileSystem",
                "aws:secretsmanager/secret:Secret")) {
            assertThat(production().ofType(type)).as(type).isNotEmpty()
                    .allSatisfy(c -> assertThat(production().optionsOf(c)).as(c.name()).isEqualTo(new InfraRun.Options(true, true)));
        }
        assertThat(production().one("aws:efs/fileSystem:FileSystem").inputs().get("encrypted")).isEqualTo(true);
    }

    @Test
    void outputsAreWhatTheCloudCreatedNotTheStackFile() {
        assertThat(production().output("awsAccount")).isEqualTo(MockCloud.ACCOUNT);
        assertThat(production().output("vaultIdentity")).isEqualTo("arn:aws:iam::" + MockCloud.ACCOUNT + ":role/bharatvoice-production-external-secrets");
        assertThat(production().output("backupIdentity")).isEqualTo("arn:aws:iam::" + MockCloud.ACCOUNT + ":role/bharatvoice-production-backups");
        assertThat(production().output("backupBucket")).isEqualTo("bharatvoice-production-backups");
        assertThat(production().output("speechIdentity")).isEqualTo("arn:aws:iam::" + MockCloud.ACCOUNT + ":role/bharatvoice-production-speech");
        assertThat(production().output("efsFileSystemId")).asString().matches("fs-0[0-9a-f]{16}");
        assertThat(production().output("registry")).isEqualTo(MockCloud.ACCOUNT + ".dkr.ecr.ap-south-1.amazonaws.com/bharatvoice-production");
    }
}
