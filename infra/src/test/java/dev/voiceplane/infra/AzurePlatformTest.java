package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ai-ninja on Azure: production and staging stacks from stacks/, against the mock cloud. */
class AzurePlatformTest {
    static InfraRun production() {
        return InfraRun.of("ai-ninja-production");
    }

    static InfraRun staging() {
        return InfraRun.of("ai-ninja-staging");
    }

    @Test
    void theProgramRunsWithoutErrors() {
        assertThat(production().errors()).isEmpty();
        assertThat(staging().errors()).isEmpty();
    }

    @Test
    void postgresIsZoneRedundantInProductionOnly() {
        assertThat(at(production().one("azure-native:dbforpostgresql:Server").inputs(), "highAvailability.mode")).isEqualTo("ZoneRedundant");
        assertThat(at(staging().one("azure-native:dbforpostgresql:Server").inputs(), "highAvailability.mode")).isEqualTo("Disabled");
    }

    @Test
    void postgresKeepsGeoRedundantBackupsForThirtyDaysInProduction() {
        Map<String, Object> server = production().one("azure-native:dbforpostgresql:Server").inputs();
        assertThat(at(server, "backup.backupRetentionDays")).isEqualTo(30.0);
        assertThat(at(server, "backup.geoRedundantBackup")).isEqualTo("Enabled");
        assertThat(at(staging().one("azure-native:dbforpostgresql:Server").inputs(), "backup.geoRedundantBackup")).isEqualTo("Disabled");
    }

    @Test
    void postgresIsReachableOnlyInsideTheVnetAndOverTls() {
        Map<String, Object> server = production().one("azure-native:dbforpostgresql:Server").inputs();
        assertThat(at(server, "network.delegatedSubnetResourceId")).asString().contains("postgres");
        assertThat(at(server, "serverName")).isEqualTo("ai-ninja-production");
        assertThat(production().ofType("azure-native:dbforpostgresql:Configuration"))
                .extracting(c -> c.inputs().get("configurationName") + "=" + c.inputs().get("value"))
                .containsExactlyInAnyOrder("require_secure_transport=on", "ssl_min_protocol_version=TLSv1.2");
    }

    @Test
    void redisSpeaksOnlyTls12AndIsPremiumInProduction() {
        Map<String, Object> redis = production().one("azure-native:cache:Redis").inputs();
        assertThat(redis.get("enableNonSslPort")).isEqualTo(false);
        assertThat(redis.get("minimumTlsVersion")).isEqualTo("1.2");
        assertThat(redis.get("publicNetworkAccess")).isEqualTo("Disabled");
        assertThat(at(redis, "sku.name")).isEqualTo("Premium");
        assertThat(at(staging().one("azure-native:cache:Redis").inputs(), "sku.name")).isEqualTo("Standard");
    }

    @Test
    void keyVaultUsesRbacWithSoftDeleteAndPurgeProtection() {
        Map<String, Object> vault = production().one("azure-native:keyvault:Vault").inputs();
        assertThat(vault.get("vaultName")).isEqualTo("ai-ninja-prod-kv");
        assertThat(at(vault, "properties.enableRbacAuthorization")).isEqualTo(true);
        assertThat(at(vault, "properties.enableSoftDelete")).isEqualTo(true);
        assertThat(at(vault, "properties.enablePurgeProtection")).isEqualTo(true);
        assertThat(at(vault, "properties.networkAcls.defaultAction")).isEqualTo("Deny");
    }

    @Test
    void aksSpreadsNodePoolsOverZonesInProductionOnly() {
        Map<String, Object> aks = production().one("azure-native:containerservice:ManagedCluster").inputs();
        assertThat(at(aks, "agentPoolProfiles.1.mode")).isEqualTo("User");
        assertThat(at(aks, "agentPoolProfiles.1.enableAutoScaling")).isEqualTo(true);
        assertThat(at(aks, "agentPoolProfiles.1.availabilityZones")).isEqualTo(List.of("1", "2", "3"));
        assertThat(at(aks, "agentPoolProfiles.0.mode")).isEqualTo("System");
        assertThat(at(staging().one("azure-native:containerservice:ManagedCluster").inputs(), "agentPoolProfiles.1.availabilityZones"))
                .isEqualTo(List.of());
    }

    @Test
    void aksHasWorkloadIdentityAndAnEnforcingNetworkPolicy() {
        Map<String, Object> aks = production().one("azure-native:containerservice:ManagedCluster").inputs();
        assertThat(at(aks, "oidcIssuerProfile.enabled")).isEqualTo(true);
        assertThat(at(aks, "securityProfile.workloadIdentity.enabled")).isEqualTo(true);
        // Azure CNI powered by Cilium, enforcing the charts' NetworkPolicies with Cilium.
        assertThat(at(aks, "networkProfile.networkPlugin")).isEqualTo("azure");
        assertThat(at(aks, "networkProfile.networkDataplane")).isEqualTo("cilium");
        assertThat(at(aks, "networkProfile.networkPolicy")).isEqualTo("cilium");
    }

    @Test
    void aksHasNoLocalAccountsAndAnApiOpenOnlyToTheOperatorsNetworks() {
        Map<String, Object> aks = production().one("azure-native:containerservice:ManagedCluster").inputs();
        assertThat(aks.get("disableLocalAccounts")).isEqualTo(true);
        assertThat(at(aks, "aadProfile.enableAzureRBAC")).isEqualTo(true);
        assertThat(at(aks, "apiServerAccessProfile.authorizedIPRanges")).isEqualTo(List.of("203.0.113.0/24"));
        // Without local accounts only RBAC grants reach the cluster: the deployer is one of them, before any release.
        var deployer = production().named("azure-native:authorization:RoleAssignment", "ai-ninja-production-aks-deployer");
        assertThat(deployer.inputs().get("roleDefinitionId")).asString().endsWith("/b1ff04bb-8a4e-4dc4-8eb5-4693a6e6f5a3");
        assertThat(deployer.inputs().get("principalId")).isEqualTo("deployer-object");
        assertThat(production().named("kubernetes:helm.sh/v3:Release", "ai-ninja-production-addons-ingress-nginx").dependsOn())
                .contains("azure-native:authorization:RoleAssignment::ai-ninja-production-aks-deployer");
    }

    @Test
    void autoscaledPoolCountsAreLeftToTheAutoscaler() {
        var aks = production().one("azure-native:containerservice:ManagedCluster");
        assertThat(at(aks.inputs(), "agentPoolProfiles.0.enableAutoScaling")).isEqualTo(true);
        assertThat(at(aks.inputs(), "agentPoolProfiles.1.enableAutoScaling")).isEqualTo(true);
        assertThat(aks.ignoreChanges()).containsExactlyInAnyOrder("agentPoolProfiles[0].count", "agentPoolProfiles[1].count");
    }

    @Test
    void theFirstLoadBalancerWaitsForTheClustersNetworkGrant() {
        // ingress-nginx's Service is the first LoadBalancer; AKS needs Network Contributor on the subnet to place it.
        var grant = production().named("azure-native:authorization:RoleAssignment", "ai-ninja-production-aks-network");
        assertThat(grant.inputs().get("roleDefinitionId")).asString().endsWith("/4d97b98b-1d4f-4787-a291-c67834d212e7");
        assertThat(production().named("kubernetes:helm.sh/v3:Release", "ai-ninja-production-addons-ingress-nginx").dependsOn())
                .contains(grant.id());
    }

    @Test
    void postgresConfigurationsAreWrittenOneAfterTheOtherAndTheServerAfterItsDnsLink() {
        var configurations = production().ofType("azure-native:dbforpostgresql:Configuration");
        assertThat(configurations).hasSize(2);
        // Exactly one waits for the other: two concurrent writes get ServerIsBusy.
        assertThat(configurations).filteredOn(c -> configurations.stream().anyMatch(o -> c.dependsOn().contains(o.id()))).hasSize(1);
        assertThat(production().one("azure-native:dbforpostgresql:Server").dependsOn())
                .contains("azure-native:network:VirtualNetworkLink::ai-ninja-production-postgres-dns-link");
    }

    @Test
    void postgresVersionIsOneThePinnedSdkKnowsAndTheMockRefusesOthers() {
        assertThat(production().one("azure-native:dbforpostgresql:Server").inputs().get("version")).isEqualTo("14");
        assertThat(dev.voiceplane.infra.plan.MockCloud.refusal("azure-native:dbforpostgresql:Server", Map.of("version", "15")))
                .hasValueSatisfying(why -> assertThat(why).contains("'15' is not one of"));
    }

    @Test
    void theOpenAiAccountHasTheModelDeploymentTheAppCalls() {
        var deployment = production().one("azure-native:cognitiveservices:Deployment").inputs();
        // AzureOpenAiClient.DEFAULT_DEPLOYMENT in app/azure-openai: the name the conversation engine calls.
        assertThat(deployment.get("deploymentName")).isEqualTo("gpt-4o-mini");
        assertThat(at(deployment, "properties.model.name")).isEqualTo("gpt-4o-mini");
        assertThat(at(deployment, "properties.model.format")).isEqualTo("OpenAI");
    }

    @Test
    void theApiAndWsHostsPointAtTheIngressLoadBalancerInTheStacksZone() {
        assertThat(production().one("azure-native:network:Zone").inputs().get("zoneName")).isEqualTo("ai-ninja.example.com");
        assertThat(production().ofType("azure-native:network:RecordSet"))
                .extracting(c -> c.inputs().get("relativeRecordSetName") + " " + c.inputs().get("recordType") + " " + at(c.inputs(), "aRecords.0.ipv4Address"))
                .containsExactlyInAnyOrder("api A 203.0.113.10", "ws A 203.0.113.10");
        // The address is read from the controller's Service, after its release.
        assertThat(production().one("kubernetes:core/v1:Service").dependsOn())
                .contains("kubernetes:helm.sh/v3:Release::ai-ninja-production-addons-ingress-nginx");
        assertThat(production().output("nameServers")).asString().contains("azure-dns");
        assertThat(dev.voiceplane.infra.plan.MockCloud.refusal("azure-native:network:RecordSet",
                Map.of("aRecords", List.of(Map.of("ipv4Address", "k8s.elb.amazonaws.com"))))).isPresent();
    }

    @Test
    void auditLogsOfTheClusterVaultDatabaseAndBackupsGoToTheWorkspace() {
        var workspace = production().one("azure-native:operationalinsights:Workspace");
        assertThat(workspace.inputs().get("retentionInDays")).isEqualTo(365.0);
        assertThat(staging().one("azure-native:operationalinsights:Workspace").inputs().get("retentionInDays")).isEqualTo(30.0);
        assertThat(production().ofType("azure-native:insights:DiagnosticSetting")).hasSize(4).allSatisfy(d ->
                assertThat(d.inputs().get("workspaceId")).isEqualTo(workspace.name() + "-id"))
                .extracting(d -> d.inputs().get("resourceUri") + " " + at(d.inputs(), "logs.0.category"))
                .containsExactlyInAnyOrder("ai-ninja-production-aks-id kube-audit-admin", "ai-ninja-production-kv-id AuditEvent",
                        "ai-ninja-production-postgres-id PostgreSQLLogs", "ai-ninja-production-backups-id/blobServices/default StorageWrite");
    }

    @Test
    void deletedBackupsStayRecoverable() {
        var service = production().one("azure-native:storage:BlobServiceProperties").inputs();
        assertThat(service.get("isVersioningEnabled")).isEqualTo(true);
        assertThat(at(service, "deleteRetentionPolicy.enabled")).isEqualTo(true);
        assertThat(at(service, "deleteRetentionPolicy.days")).isEqualTo(30.0);
        assertThat(at(service, "containerDeleteRetentionPolicy.enabled")).isEqualTo(true);
    }

    @Test
    void theExternalSecretsIdentityTrustsOnlyTheVaultReaderAccountAndReadsOnlySecretsOfTheVault() {
        var federation = production().ofType("azure-native:managedidentity:FederatedIdentityCredential").stream()
                .filter(c -> c.name().contains("external-secrets")).findFirst().orElseThrow();
        assertThat(federation.inputs().get("subject")).isEqualTo("system:serviceaccount:ai-ninja:ai-ninja-vault-reader");
        var role = production().ofType("azure-native:authorization:RoleAssignment").stream()
                .filter(c -> c.name().contains("external-secrets")).findFirst().orElseThrow();
        assertThat(role.inputs().get("roleDefinitionId")).asString().endsWith("/4633458b-17de-408a-b874-0445c86b69e6");
        assertThat(role.inputs().get("scope")).isEqualTo("ai-ninja-production-kv-id");
    }

    @Test
    void theBackupIdentityWritesToTheBackupContainerOnly() {
        var role = production().ofType("azure-native:authorization:RoleAssignment").stream()
                .filter(c -> c.name().equals("ai-ninja-production-backups-role")).findFirst().orElseThrow();
        assertThat(role.inputs().get("scope")).isEqualTo("ai-ninja-production-backups-container-id");
    }

    @Test
    void backupStorageIsTls12WithoutPublicAccessAndExpiresBackups() {
        Map<String, Object> account = production().named("azure-native:storage:StorageAccount", "ai-ninja-production-backups").inputs();
        assertThat(account.get("minimumTlsVersion")).isEqualTo("TLS1_2");
        assertThat(account.get("allowBlobPublicAccess")).isEqualTo(false);
        assertThat(account.get("enableHttpsTrafficOnly")).isEqualTo(true);
        assertThat(production().one("azure-native:storage:BlobContainer").inputs().get("publicAccess")).isEqualTo("None");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) at(
                production().one("azure-native:storage:ManagementPolicy").inputs(), "policy.rules");
        assertThat(rules).extracting(r -> at(r, "definition.filters.prefixMatch.0") + "@"
                        + at(r, "definition.actions.baseBlob.delete.daysAfterModificationGreaterThan"))
                .containsExactlyInAnyOrder("backups/ai-ninja/postgres/@30.0", "backups/ai-ninja/redis/@7.0", "backups/ai-ninja/data/@30.0");
    }

    @Test
    void speechAndOpenAiAccountsExistUnderTheStacksEndpoint() {
        assertThat(production().ofType("azure-native:cognitiveservices:Account"))
                .extracting(c -> c.inputs().get("kind") + ":" + at(c.inputs(), "properties.customSubDomainName"))
                .containsExactlyInAnyOrder("SpeechServices:ai-ninja-production-speech", "OpenAI:ai-ninja-prod-openai");
    }

    @Test
    void theRegistryHasNoAdminUserAndNodesMayOnlyPull() {
        assertThat(production().one("azure-native:containerregistry:Registry").inputs().get("registryName")).isEqualTo("aininjaprod");
        assertThat(production().one("azure-native:containerregistry:Registry").inputs().get("adminUserEnabled")).isEqualTo(false);
        var pull = production().ofType("azure-native:authorization:RoleAssignment").stream()
                .filter(c -> c.name().endsWith("acr-pull")).findFirst().orElseThrow();
        assertThat(pull.inputs().get("roleDefinitionId")).asString().endsWith("/7f951dda-4ed3-4680-a7ca-43fe172d538d");
    }

    @Test
    void everyDataHoldingResourceIsProtectedAndRetained() {
        for (String type : List.of("azure-native:dbforpostgresql:Server", "azure-native:dbforpostgresql:Database", "azure-native:cache:Redis",
                "azure-native:keyvault:Vault", "azure-native:keyvault:Secret", "azure-native:storage:StorageAccount",
                "azure-native:storage:BlobContainer")) {
            assertThat(production().ofType(type)).as(type).isNotEmpty()
                    .allSatisfy(r -> assertThat(production().optionsOf(r)).as(r.id()).isEqualTo(new InfraRun.Options(true, true)));
        }
        // The group and the cluster are protected too: deleting the group deletes everything in it.
        assertThat(production().optionsOf(production().one("azure-native:resources:ResourceGroup")).protect()).isTrue();
        assertThat(production().optionsOf(production().one("azure-native:containerservice:ManagedCluster")).protect()).isTrue();
    }

    @Test
    void outputsAreTheNamesCreatedAndTheGeneratedIds() {
        assertThat(production().output("postgresHost")).isEqualTo("ai-ninja-production.postgres.database.azure.com");
        assertThat(production().output("redisHost")).isEqualTo("ai-ninja-production.redis.cache.windows.net");
        assertThat(production().output("vaultUrl")).isEqualTo("https://ai-ninja-prod-kv.vault.azure.net/");
        assertThat(production().output("vaultIdentity")).isEqualTo("client-ai-ninja-production-external-secrets");
        assertThat(production().output("registry")).isEqualTo("aininjaprod.azurecr.io");
    }

    @Test
    void theTotpKeyIsDrawnOnceIntoTheVaultEntryTheChartReadsAndKept() {
        var key = production().named("azure-native:keyvault:Secret", "ai-ninja-production-kv-totp-key");
        assertThat(key.inputs().get("secretName")).isEqualTo("totp-encryption-key");
        String value = (String) at(key.inputs(), "properties.value");
        assertThat(java.util.Base64.getDecoder().decode(value)).hasSize(32);
        // Each run draws a new key; only ignoreChanges keeps the first, and protection keeps it from deletion.
        assertThat(value).isNotEqualTo(at(staging().named("azure-native:keyvault:Secret", "ai-ninja-staging-kv-totp-key").inputs(),
                "properties.value"));
        assertThat(key.ignoreChanges()).containsExactly("properties.value");
        assertThat(production().optionsOf(key)).isEqualTo(new InfraRun.Options(true, true));
        String plan = dev.voiceplane.infra.plan.PlanReport.text(production().plan)
                + dev.voiceplane.infra.plan.PlanReport.jsonText(List.of(production().plan));
        assertThat(plan).doesNotContain(value);
        assertThat(production().plan.outputs().toString()).doesNotContain(value);
    }

    @Test
    void productionRedisPersistsRdbSnapshotsWithAnIdentityGrantedBeforeTheCache() {
        Map<String, Object> redis = production().one("azure-native:cache:Redis").inputs();
        assertThat(at(redis, "redisConfiguration.rdbBackupEnabled")).isEqualTo("true");
        assertThat(at(redis, "redisConfiguration.rdbBackupFrequency")).isEqualTo("15");
        assertThat(at(redis, "redisConfiguration.aofBackupEnabled")).isNull();
        assertThat(at(redis, "redisConfiguration.preferredDataPersistenceAuthMethod")).isEqualTo("ManagedIdentity");
        // No storage key anywhere: the "connection string" is the persistence account's blob endpoint.
        assertThat(at(redis, "redisConfiguration.rdbStorageConnectionString")).isEqualTo("https://aininjaproductionrdb.blob.core.windows.net/");
        assertThat(at(redis, "identity.type")).isEqualTo("UserAssigned");
        var grant = production().named("azure-native:authorization:RoleAssignment", "ai-ninja-production-redis-persistence-writer");
        assertThat(grant.inputs().get("roleDefinitionId")).asString().endsWith("/ba92f5b4-2d11-453d-a403-e96b0029c9fe");
        assertThat(grant.inputs().get("principalId")).isEqualTo("principal-ai-ninja-production-redis-persistence-identity");
        assertThat(production().one("azure-native:cache:Redis").dependsOn()).contains(grant.id());
        // Staging's Standard tier has no persistence.
        assertThat(at(staging().one("azure-native:cache:Redis").inputs(), "redisConfiguration")).isNull();
    }

    @Test
    void thePersistenceAccountTakesNoKeysNorPublicTrafficAndIsProtectedWithoutSoftDelete() {
        var account = production().named("azure-native:storage:StorageAccount", "ai-ninja-production-redis-persistence");
        assertThat(account.inputs().get("accountName")).isEqualTo("aininjaproductionrdb");
        assertThat(account.inputs().get("allowSharedKeyAccess")).isEqualTo(false);
        assertThat(account.inputs().get("allowBlobPublicAccess")).isEqualTo(false);
        assertThat(at(account.inputs(), "networkRuleSet.defaultAction")).isEqualTo("Deny");
        assertThat(at(account.inputs(), "networkRuleSet.bypass")).isEqualTo("AzureServices");
        assertThat(production().optionsOf(account)).isEqualTo(new InfraRun.Options(true, true));
        // Soft delete is on for the backups account only: Azure discourages it under persistence.
        assertThat(production().ofType("azure-native:storage:BlobServiceProperties"))
                .noneMatch(b -> String.valueOf(b.inputs().get("accountName")).contains("rdb"));
    }

    @Test
    void theMockRefusesPersistenceAzureRefuses() {
        Map<String, Object> premium = Map.of("sku", Map.of("name", "Premium"), "identity", Map.of("type", "UserAssigned"));
        java.util.function.Function<Map<String, Object>, Map<String, Object>> with = config -> {
            Map<String, Object> in = new java.util.HashMap<>(premium);
            in.put("redisConfiguration", config);
            return in;
        };
        String redis = "azure-native:cache:Redis";
        var refusal = (java.util.function.Function<Map<String, Object>, java.util.Optional<String>>)
                in -> dev.voiceplane.infra.plan.MockCloud.refusal(redis, in);
        assertThat(refusal.apply(with.apply(Map.of("rdbBackupEnabled", "true", "aofBackupEnabled", "true", "rdbBackupFrequency", "15"))))
                .hasValueSatisfying(m -> assertThat(m).contains("cannot both"));
        var aof = new java.util.HashMap<>(with.apply(Map.of("aofBackupEnabled", "true")));
        aof.put("replicasPerPrimary", 2);
        assertThat(refusal.apply(aof)).hasValueSatisfying(m -> assertThat(m).contains("more than one replica"));
        assertThat(refusal.apply(with.apply(Map.of("rdbBackupEnabled", "true", "rdbBackupFrequency", "10"))))
                .hasValueSatisfying(m -> assertThat(m).contains("15, 30, 60"));
        var standard = new java.util.HashMap<>(with.apply(Map.of("rdbBackupEnabled", "true", "rdbBackupFrequency", "60")));
        standard.put("sku", Map.of("name", "Standard"));
        assertThat(refusal.apply(standard)).hasValueSatisfying(m -> assertThat(m).contains("Premium"));
        var noIdentity = new java.util.HashMap<>(with.apply(Map.of("rdbBackupEnabled", "true", "rdbBackupFrequency", "60",
                "preferredDataPersistenceAuthMethod", "ManagedIdentity")));
        noIdentity.remove("identity");
        assertThat(refusal.apply(noIdentity)).hasValueSatisfying(m -> assertThat(m).contains("needs an identity"));
        assertThat(refusal.apply(with.apply(Map.of("rdbBackupEnabled", "true", "rdbBackupFrequency", "60")))).isEmpty();
    }

    @Test
    void everyEntryTheExternalSecretReadsIsWrittenSoTheFirstRunEndsWithRunningPods() throws Exception {
        Map<String, Object> values = new java.util.TreeMap<>();
        Map<String, List<String>> ignored = new java.util.TreeMap<>();
        for (var secret : production().ofType("azure-native:keyvault:Secret")) {
            values.put(String.valueOf(secret.inputs().get("secretName")), at(secret.inputs(), "properties.value"));
            ignored.put(String.valueOf(secret.inputs().get("secretName")), secret.ignoreChanges());
        }
        String chart = DatabaseBootstrapTest.chartText(production().charts.resolve("ai-ninja-production"));
        java.util.regex.Matcher keys = java.util.regex.Pattern.compile("key: ([a-z0-9-]+)\n\s+secretKey: ").matcher(chart);
        java.util.Set<String> read = new java.util.TreeSet<>();
        while (keys.find()) {
            read.add(keys.group(1));
        }
        assertThat(read).hasSizeGreaterThan(10);
        assertThat(values.keySet()).containsAll(read);
        // The cache's key, kept current; our own secrets drawn once; third parties' credentials empty until set by hand.
        assertThat(values.get("redis-password")).isEqualTo("mock-redis-primary-key");
        assertThat(ignored.get("redis-password")).isEmpty();
        assertThat((String) values.get("jwt-access-secret")).matches("[A-Za-z0-9_-]{43}");
        assertThat(values.get("jwt-access-secret")).isNotEqualTo(values.get("jwt-refresh-secret"));
        assertThat(ignored.get("jwt-access-secret")).containsExactly("properties.value");
        assertThat(values.get("twilio-auth-token")).isEqualTo("");
        assertThat(values.get("alert-webhook-url")).isEqualTo("");
        assertThat(ignored.get("twilio-auth-token")).containsExactly("properties.value");
        // The app release waits for every one of them.
        var app = production().named("kubernetes:helm.sh/v3:Release", "ai-ninja-production-charts");
        for (var secret : production().ofType("azure-native:keyvault:Secret")) {
            assertThat(app.dependsOn()).as(secret.name()).contains(secret.id());
        }
    }
}
